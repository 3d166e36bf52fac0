"""The "About this story" box in a real browser: reached and opened with the keyboard,
named for screen readers, its sources and record link usable."""

import re

import pytest

from newsdesk.content.services import corrections
from tests.trust import conftest as trust_fixtures

# The story accepted from IRNA's copy with ISNA's merged in, as the HTTP tests use it.
agencies, sourced_story = trust_fixtures.agencies, trust_fixtures.sourced_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_about_this_story_by_keyboard_and_screen_reader(live_server, page, sourced_story, editor):
    corrections.add_note(sourced_story, "correction", "The toll was 212, not 221.", editor)
    page.goto(live_server.url + sourced_story.get_absolute_url())

    box = page.get_by_role("complementary", name="About this story")
    assert box.count() == 1
    facts = box.locator("dl")
    assert not facts.is_visible()  # folded: one line until asked for

    summary = box.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert facts.is_visible()
    assert "Based on reports by IRNA and ISNA" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")

    # Tab moves through the sources' links, then to the story's record.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Villages reached"
    record = box.get_by_role("link", name=re.compile("full record of corrections and origins"))
    assert "Correction" in box.locator(".about-story-notes").inner_text()
    record.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/corrections/story/{sourced_story.pk}/$"))
    assert page.get_by_role("heading", name="Corrections and updates").count() == 1
    assert "The toll was 212, not 221." in page.locator("main").inner_text()
