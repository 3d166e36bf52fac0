"""The desk in a real browser, as an editor works: the wire queue by keyboard, a wire item
opened as a story and rewritten beside the agency copy, a byline and a picture added,
published, and the reader sees it attributed and illustrated; the story list's search as
you type; a draft kept through a closed tab; a save bar that covers nothing."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.content.models import Source, Status, Story
from newsdesk.wire.models import ItemKind, ItemStatus, WireItem
from newsdesk.wire.services.ingest import store_item
from tests.browser.test_desk_workflow import logged_in_page
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wire_item(source, n, headline, body):
    return store_item(
        kind=ItemKind.FEED,
        raw=str(n),
        source=source,
        guid=f"item-{n}",
        headline=headline,
        body=body,
        author="Reza Ahmadi",
        link=f"https://irna.example/{n}",
    )


def test_wire_item_to_published_attributed_illustrated_story(browser, live_server, editor):
    newsroom = NewsroomBuilder()
    newsroom.section("World")
    newsroom.person("Reza Ahmadi", role="Tabriz correspondent")
    newsroom.image(title="Tabriz bazaar", alt_text="", caption="The bazaar", credit="")
    irna = Source.objects.create(name="IRNA", url="https://irna.example/")
    wire_item(irna, 1, "Older item", "<p>Nothing much.</p>")
    quake = wire_item(
        irna, 2, "Earthquake shakes Tabriz", "<p>A magnitude 5 earthquake struck near Tabriz.</p>"
    )
    context, page = logged_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/desk/wire/")

    # keyboard only: j selects the newest item, a opens it as a story
    page.keyboard.press("j")
    assert (
        page.locator(".wire-group[aria-current=true]")
        .inner_text()
        .startswith("Earthquake shakes Tabriz")
    )
    page.keyboard.press("a")
    page.wait_for_url(re.compile(r"/desk/stories/\d+/$"))
    story = Story.objects.get()
    quake.refresh_from_db()
    assert quake.status == ItemStatus.ACCEPTED and quake.story == story

    # the agency copy stays beside the story while the editor rewrites it
    copy = page.get_by_role("region", name="Agency copy")
    assert "struck near Tabriz" in copy.inner_text()
    page.get_by_label("Headline").fill("Magnitude 5 earthquake near Tabriz")
    assert "34 / 300 characters" in page.locator("#headline-count").inner_text()
    page.get_by_label("Section").select_option(label="World")

    # a byline, found by typing
    page.get_by_label("Add a person").fill("Reza")
    page.get_by_role("button", name="Add Reza Ahmadi (Tabriz correspondent)").click()
    assert page.locator("#byline-list").inner_text().startswith("Reza Ahmadi")

    # a picture from the media picker, described in place
    page.get_by_role("button", name="Choose a picture…").click()
    picker = page.get_by_role("dialog", name="Choose a picture")
    picker.get_by_label("Search pictures").fill("bazaar")
    picker.get_by_role("button", name=re.compile("Tabriz bazaar")).click()
    assert not picker.is_visible()
    featured = page.get_by_role("group", name="Featured picture")
    featured.get_by_label("Alt text").fill("Shoppers in the Tabriz bazaar after the quake")
    featured.get_by_label("Credit").fill("Photo: IRNA")
    featured.get_by_label("Caption").fill("The bazaar reopened on Monday.")

    page.keyboard.press("Control+s")  # saves, as the Save button does
    page.wait_for_selector(".messages >> text=Saved.")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_selector(".messages >> text=Story is now published.")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.headline.startswith("Magnitude 5")

    # the reader's page
    reader = context.new_page()
    reader.goto(f"{live_server.url}{story.get_absolute_url()}")
    article = reader.locator("main")
    text = article.inner_text()
    assert "By Reza Ahmadi" in text
    assert "The bazaar reopened on Monday." in text and "Photo: IRNA" in text
    assert reader.get_by_alt_text("Shoppers in the Tabriz bazaar after the quake").is_visible()
    attribution = reader.locator(".attribution")
    assert attribution.inner_text().startswith("Source: IRNA")
    original = attribution.get_by_role("link", name="original")
    assert original.get_attribute("href") == "https://irna.example/2"
    context.close()


def test_wire_queue_by_keyboard_alone(browser, live_server, editor):
    agency = Source.objects.create(name="AP")
    for n in range(3):
        wire_item(agency, n, f"Wire story {n}", f"<p>Body {n}.</p>")
    context, page = logged_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/desk/wire/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    current = page.locator(".wire-group[aria-current=true]")
    assert current.inner_text().startswith("Wire story 2")
    page.keyboard.press("j")
    page.keyboard.press("r")  # rejects "Wire story 1" and comes back to the queue
    page.wait_for_selector(".messages >> text=Item rejected.")
    page.wait_for_load_state("load")  # the queue's keys answer once its script has run
    assert WireItem.objects.get(headline="Wire story 1").status == ItemStatus.REJECTED
    assert page.locator(".wire-group").count() == 2
    page.keyboard.press("j")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(r"/desk/wire/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Wire story 2"
    context.close()


def test_story_list_searches_as_you_type_and_pages(browser, live_server, editor):
    newsroom = NewsroomBuilder()
    for n in range(55):
        newsroom.story(f"Routine story {n}")
    newsroom.story("Harbour reopens after the storm")
    context, page = logged_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/desk/")
    assert page.locator("#story-rows tbody tr").count() == 50
    page.get_by_role("link", name="Older stories").click()
    assert page.locator("#story-rows tbody tr").count() == 6
    page.goto(f"{live_server.url}/desk/")
    page.get_by_label("Search").press_sequentially("harb", delay=30)
    expect(page.locator("#story-rows tbody tr")).to_have_count(1)
    assert "Harbour reopens" in page.locator("#story-rows").inner_text()
    # The address keeps the whole search, to share or reload (it follows the last keystroke).
    expect(page).to_have_url(re.compile(r"[?&]q=harb(&|$)"))
    context.close()


def test_a_draft_survives_a_closed_tab(browser, live_server, editor):
    story = NewsroomBuilder().story("Original headline", status=Status.DRAFT)
    context, page = logged_in_page(browser, live_server, editor)
    url = f"{live_server.url}/desk/stories/{story.pk}/"
    page.goto(url)
    page.get_by_label("Headline").fill("A headline typed but never saved")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" A sentence typed too.")
    page.wait_for_selector("#autosave-status >> text=Draft kept at")
    story.refresh_from_db()
    assert story.headline == "Original headline" and story.revisions.count() == 0
    context.close()  # the tab, the window, the browser's storage: all gone, nothing saved

    again_context, again = logged_in_page(browser, live_server, editor)  # another browser
    again.goto(url)
    offer = again.locator("#autosave-offer")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore them").click()
    assert again.get_by_label("Headline").input_value() == "A headline typed but never saved"
    assert "A sentence typed too." in again.get_by_role("textbox", name="Body").inner_text()
    again.get_by_role("button", name="Save", exact=True).click()
    again.wait_for_selector(".messages >> text=Saved.")
    story.refresh_from_db()
    assert story.headline == "A headline typed but never saved" and story.version == 2
    assert "A sentence typed too." in story.body
    assert not again.locator("#autosave-offer").is_visible()  # the draft went with the save
    again_context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_save_bar_never_covers_a_field(browser, live_server, editor, width):
    story = NewsroomBuilder().story("Long story", body="<p>Paragraph.</p>" * 80)
    context, page = logged_in_page(browser, live_server, editor)
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(f"{live_server.url}/desk/stories/{story.pk}/")
    bar = page.locator(".savebar").bounding_box()
    form = page.locator("#story-form")
    for label in ("Headline", "Standfirst", "Add a person", "Alt text", "Credit", "Section"):
        field = form.get_by_label(label)
        field.focus()
        box = field.bounding_box()
        bar = page.locator(".savebar").bounding_box()
        assert box["y"] >= bar["y"] + bar["height"] or box["y"] + box["height"] <= bar["y"], label
    context.close()
