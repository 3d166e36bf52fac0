"""A reader moves through a gallery with the keyboard; each picture has its own address."""

import re

import pytest

from newsdesk.content.models import GalleryItem, Kind, Rendition
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gallery_keyboard_navigation_and_links(live_server, page):
    newsroom = NewsroomBuilder()
    story = newsroom.story("Pictures: night market", section=newsroom.section(), kind=Kind.PHOTO)
    for position in range(3):
        picture = newsroom.image(alt_text=f"Stall {position + 1}", caption=f"Stall {position + 1}")
        GalleryItem.objects.create(story=story, image=picture, position=position)

    page.goto(live_server.url + story.get_absolute_url())
    first = page.locator("#photo-1")
    first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "photo-2"
    assert page.url.endswith("#photo-2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # stays on the last picture
    assert page.evaluate("document.activeElement.id") == "photo-3"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.id") == "photo-2"

    # A shared link opens at its picture.
    page.goto(live_server.url + story.get_absolute_url() + "#photo-3")
    assert page.locator("#photo-3:target").count() == 1
    assert page.get_by_role("link", name="Link to picture 3").get_attribute("href") == "#photo-3"
    # The browser chose a rendition from srcset (made on first request) and it loaded.
    image = page.locator("#photo-3 img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert re.search(r"/media/renditions/\d+/[^/]+-64\.webp$", image.evaluate("i => i.currentSrc"))
    assert Rendition.objects.filter(width=64, format="webp").exists()
