"""The wire queue left open in a real browser: an item marked seen by key stays where it is,
a new item arrives at the top without a reload, and is added by keyboard to an existing
story as an update, which opens beside its agency copy with the words it keeps marked."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.content.models import Source
from newsdesk.wire.models import ItemKind, ItemStatus, SeenItem, WireItem
from newsdesk.wire.services.ingest import store_item
from tests.browser.test_desk_workflow import logged_in_page
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wire_item(source, n, headline, body):
    return store_item(
        kind=ItemKind.FEED,
        raw=str(n),
        source=source,
        guid=f"live-{n}",
        headline=headline,
        body=body,
    )


def test_the_open_queue_marks_seen_receives_arrivals_and_adds_updates(browser, live_server, editor):
    story = NewsroomBuilder().story(
        "Earthquake near Tabriz", body="<p>Rescuers searched the old bazaar through the night.</p>"
    )
    ap = Source.objects.create(name="AP")
    wire_item(ap, 1, "Harbour reopens", "<p>The harbour reopened.</p>")
    wire_item(ap, 2, "Budget passes", "<p>The budget passed.</p>")
    context, page = logged_in_page(browser, live_server, editor)
    page.clock.install()
    page.goto(f"{live_server.url}/desk/wire/")

    page.keyboard.press("j")
    page.keyboard.press("s")  # seen, in place: no reload, the selection stays
    first = page.locator(".wire-group").first
    expect(first).to_have_class(re.compile(r"\bseen\b"))
    expect(first.get_by_role("button", name="Mark not seen")).to_be_visible()
    assert first.get_attribute("aria-current") == "true"
    assert SeenItem.objects.filter(user=editor, item__headline="Budget passes").exists()

    wire_item(
        ap,
        3,
        "Quake: rescuers reach the bazaar",
        "<p>Rescuers searched the old bazaar through the night. Two people were found.</p>",
    )
    page.clock.fast_forward(11_000)  # the queue asks for arrivals every ten seconds
    expect(page.locator("#wire-arrivals")).to_have_text(
        "1 new item arrived at the top of the queue."
    )
    expect(page.locator(".wire-group").first).to_contain_text("Quake: rescuers reach the bazaar")
    assert page.locator(".wire-group").count() == 3
    # the selection followed its item down the list: k moves up to the newcomer
    assert page.locator(".wire-group").nth(1).get_attribute("aria-current") == "true"
    page.keyboard.press("k")
    expect(page.locator(".wire-group").first).to_have_attribute("aria-current", "true")

    page.keyboard.press("u")  # add to a story as an update, by keyboard
    story_field = page.locator(".wire-group").first.get_by_label(re.compile("Story: its number"))
    expect(story_field).to_be_focused()
    story_field.fill(str(story.pk))
    story_field.press("Enter")
    page.wait_for_url(re.compile(rf"/desk/stories/{story.pk}/$"))
    update = WireItem.objects.get(headline="Quake: rescuers reach the bazaar")
    assert update.status == ItemStatus.MERGED and update.story == story

    # beside the story, the new copy, its words the story already has marked as kept
    copy = page.get_by_role("region", name="Agency copy")
    expect(copy).to_contain_text("Two people were found.")
    kept = copy.locator(".w.kept")
    expect(kept).to_have_count(8)  # "Rescuers searched the old bazaar through the night"
    expect(copy.locator("#agency-diff-summary")).to_contain_text("keeps 8 of these 17 words")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Two people were found alive.")
    expect(copy.locator("#agency-diff-summary")).to_contain_text("keeps 12 of these 17 words")
    context.close()
