"""Live coverage in real browsers, with the page cache on: an editor posts with Ctrl+Enter
and an open reader's page offers "1 new update"; edits and deletions reach the reader;
an archived blog stops polling; the breaking banner appears, is dismissed, and goes."""

import time

import pytest

from newsdesk.content.models import Kind
from newsdesk.live import services
from tests.browser.test_desk_workflow import logged_in_page, staff
from tests.browser.test_page_quality import AXE, axe_violations
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1
    settings.NEWSDESK_LIVE_DESK_POLL_SECONDS = 1


@pytest.fixture
def blog():
    newsroom = NewsroomBuilder()
    return newsroom.story("Storm live", kind=Kind.LIVE, section=newsroom.section("World"))


def test_posted_edited_and_deleted_entries_reach_an_open_readers_page(
    browser, live_server, page, blog, django_user_model
):
    edna = staff(django_user_model, "edna", "Editor")
    services.post_entry(blog, edna, body="The storm is forming.")
    page.goto(live_server.url + blog.get_absolute_url())
    entries = page.locator("[data-live-list] > li")
    assert entries.count() == 1

    context, desk = logged_in_page(browser, live_server, edna, bypass_csp=True)
    desk.goto(f"{live_server.url}/desk/live/{blog.pk}/")
    if AXE.exists():
        assert axe_violations(desk) == []
    # A draft survives a closed tab.
    desk.get_by_label("Entry:", exact=True).fill("Winds reach 120 km/h on the coast.")
    desk.close()
    desk = context.new_page()
    desk.goto(f"{live_server.url}/desk/live/{blog.pk}/")
    body = desk.get_by_label("Entry:", exact=True)
    assert body.input_value() == "Winds reach 120 km/h on the coast."

    body.press("Control+Enter")
    posted = time.monotonic()
    button = page.get_by_role("button", name="1 new update")
    button.wait_for()
    print(f"\nCtrl+Enter → reader sees '1 new update': {time.monotonic() - posted:.2f} s")
    assert body.input_value() == ""  # ready for the next entry
    assert desk.locator(".live-stream-entry").count() == 2
    assert entries.count() == 1  # the reader's text does not move until asked
    button.click()
    assert entries.first.inner_text().count("Winds reach 120 km/h") == 1
    assert entries.count() == 2

    # Another editor's stream shows it too.
    omar = staff(django_user_model, "omar", "Editor")
    other_context, other = logged_in_page(browser, live_server, omar)
    other.goto(f"{live_server.url}/desk/live/{blog.pk}/")
    services.post_entry(blog, edna, body="Evacuations begin.")
    other.locator(".live-stream-entry", has_text="Evacuations begin.").wait_for()
    other_context.close()

    first = desk.locator(".live-stream-entry", has_text="Winds reach")
    first.get_by_text("Edit").click()
    first.get_by_label("Text of the").fill("<p>Winds reach 150 km/h on the coast.</p>")
    first.get_by_role("button", name="Save the entry").click()
    page.locator("[data-live-list] > li", has_text="150 km/h").wait_for()

    desk.on("dialog", lambda dialog: dialog.accept())
    desk.locator(".live-stream-entry", has_text="150 km/h").get_by_role(
        "button", name="Delete"
    ).click()
    page.locator("[data-live-list] > li", has_text="150 km/h").wait_for(state="detached")
    context.close()


def test_older_entries_load_and_an_archived_blog_stops_polling(
    browser, live_server, blog, django_user_model, settings
):
    settings.NEWSDESK_LIVE_NEWEST = settings.NEWSDESK_LIVE_OLDER = 1
    edna = staff(django_user_model, "edna", "Editor")
    for text in ("Oldest", "Middle"):
        services.post_entry(blog, edna, body=text)
    services.post_entry(blog, edna, body="First", key_event=True)
    services.post_entry(blog, edna, body="Pinned", pinned=True)
    # axe-core is injected as a script of its own, which the site's CSP rightly forbids.
    context = browser.new_context(locale="en-US", timezone_id="UTC", bypass_csp=True)
    page = context.new_page()
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/updates/" in r.url else None)
    page.goto(live_server.url + blog.get_absolute_url())
    page.wait_for_function("() => document.querySelector('[data-live-updates]')")
    if AXE.exists():
        assert axe_violations(page) == []
    entries = page.locator("[data-live-list] > li")
    older = page.get_by_role("link", name="Older entries")
    for shown in (2, 3):
        older.click()
        entries.nth(shown - 1).wait_for()
    assert entries.all_inner_texts()[-1].count("Oldest") == 1
    assert older.count() == 0  # the first entry is shown: nothing older to ask for

    # A hidden tab backs off (30 s, then longer); back in view, it catches up at once.
    set_hidden = """hidden => { Object.defineProperty(document, "hidden",
        {configurable: true, get: () => hidden});
        document.dispatchEvent(new Event("visibilitychange")); }"""
    page.evaluate(set_hidden, True)
    page.wait_for_timeout(1000)  # let a poll already on its way land
    while_hidden = len(polls)
    page.wait_for_timeout(2000)  # two visible intervals
    assert len(polls) == while_hidden
    with page.expect_request("**/updates/"):
        page.evaluate(set_hidden, False)
    services.set_archived(blog, edna, True)
    page.get_by_role("heading", name="Live coverage has ended").wait_for()
    assert page.evaluate("window.newsdeskLive.isPolling()") is False
    seen = len(polls)
    page.wait_for_timeout(2000)  # two poll intervals
    assert len(polls) == seen
    context.close()


def test_breaking_banner_appears_is_dismissed_and_ends(
    browser, live_server, page, blog, django_user_model
):
    edna = staff(django_user_model, "edna", "Editor")
    NewsroomBuilder().story("Calm story")
    page.goto(live_server.url + "/")  # cached without a banner
    assert page.locator(".breaking").count() == 0

    context, desk = logged_in_page(browser, live_server, edna)
    desk.goto(f"{live_server.url}/desk/live/")
    desk.get_by_label("Headline").fill("Quake hits the coast")
    desk.get_by_role("button", name="Show the alert").click()
    desk.get_by_text("The breaking alert shows on every page.").wait_for()

    page.goto(live_server.url + "/")
    banner = page.get_by_role("complementary", name="Breaking news")
    assert "Quake hits the coast" in banner.inner_text()
    # An open live blog picks it up from its poll, without a reload.
    reader = browser.new_page()
    reader.goto(live_server.url + blog.get_absolute_url())
    banner.get_by_role("button", name="Dismiss").click()
    assert page.locator(".breaking").count() == 0
    page.goto(live_server.url + blog.get_absolute_url())
    assert page.locator(".breaking").count() == 0  # dismissed stays dismissed
    assert reader.locator(".breaking").count() == 1

    desk.get_by_role("button", name="End the breaking alert").click()
    reader.locator(".breaking").wait_for(state="detached")  # gone from the open page
    reader.goto(live_server.url + "/")
    assert reader.locator(".breaking").count() == 0
    reader.close()
    context.close()
