"""A reader searches from the top bar, filters by section and opens a result."""

import re

import pytest

from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_from_the_top_bar(live_server, page):
    newsroom = NewsroomBuilder()
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    newsroom.story("Flood defences hold", section=world, body="<p>The river flood eased.</p>")
    newsroom.story("Flood of goals in the derby", section=sport)
    newsroom.story("Budget talks", section=world)

    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search stories").fill("flood")
    page.get_by_role("searchbox", name="Search stories").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=flood$"))
    assert page.locator(".search-count").inner_text() == "2 results for flood"
    assert page.locator(".search-result mark").first.inner_text().lower() == "flood"

    page.get_by_role("combobox", name="Section").select_option(label="World")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url(re.compile(r"section=world"))
    titles = page.locator(".search-result .card-title").all_inner_texts()
    assert titles == ["Flood defences hold"]
    page.get_by_role("link", name="Flood defences hold").click()
    page.wait_for_url(re.compile(r"/story/\d+/"))
    assert page.locator("h1").inner_text() == "Flood defences hold"
