"""A reader in a real browser: home → pager → archive page 3 → a story."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsdesk.content.demo.newsroom import build_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_pages_through_the_archive_and_opens_a_story(live_server, page, settings):
    settings.TIME_ZONE = "UTC"
    build_newsroom(stories=45, pictures=3, days=60, seed=7)

    page.goto(live_server.url + "/")
    today = datetime.now(ZoneInfo("UTC"))
    assert (
        page.locator(".dateline").inner_text()
        == f"{today:%A}, {today:%B} {today.day}, {today.year}"
    )
    assert page.locator(".lead .card-title").count() == 1

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Blog").click()
    page.wait_for_url(re.compile(r"/blog/$"))
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 3").click()
    page.wait_for_url(re.compile(r"/blog/page/3/$"))
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumb.inner_text().split() == ["Home", "Blog", "Page", "3"]
    assert page.locator(".list .card").count() == 10
    assert page.locator("link[rel=prev]").get_attribute("href") == "/blog/page/2/"

    story_link = page.locator(".list .card").filter(has=page.locator("img")).first
    headline = story_link.locator(".card-title").inner_text()
    story_link.locator(".card-title a").click()
    page.wait_for_url(re.compile(r"/story/\d+/"))
    assert page.locator("h1").inner_text() == headline
    caption = page.locator("figure.featured figcaption")
    assert caption.locator(".caption").inner_text().strip() != ""
    assert caption.locator(".credit").inner_text().startswith("Illustration: ")
    assert (
        page.locator("figure.featured img").evaluate("img => img.complete && img.naturalWidth") > 0
    )
    assert page.locator(".attribution").inner_text().startswith("Source: ")
