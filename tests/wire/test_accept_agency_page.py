"""An agency page imported by URL and accepted by an editor keeps its byline, its time and
its picture through to the published story; all over real local HTTP."""

import io
import json
from datetime import UTC, datetime

import pytest
from PIL import Image as PILImage

from newsdesk.content.models import Person, Source
from newsdesk.content.services.workflow import transition
from newsdesk.wire.models import ItemStatus
from newsdesk.wire.services import queue
from newsdesk.wire.services.extraction import import_url
from tests.localhttp import Reply

PARAGRAPHS = (
    "<p>Rescue teams reached the last of the villages cut off by the landslide on Sunday, "
    "three days after heavy rain sent mud and rocks across the only road into the valley.</p>"
    "<p>Officials said all two hundred residents were safe and that helicopters had brought "
    "in food, water and medicine while engineers worked to clear the road.</p>"
    "<p>The regional governor promised money to rebuild the damaged houses and a study of "
    "the slopes above the villages before the next rainy season.</p>"
)


def jpeg() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (640, 360), (40, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def agency_page(image_url: str) -> bytes:
    metadata = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Rescuers reach villages cut off by landslide",
        "datePublished": "2025-10-12T07:15:00+02:00",
        "author": [
            {"@type": "Person", "name": "Lena Fischer"},
            {"@type": "Person", "name": "Marco Rossi"},
        ],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Alpine Press Agency"},
        "image": {
            "@type": "ImageObject",
            "url": image_url,
            "caption": "Rescue workers on the road into the valley",
            "creditText": "Photo: J. Weber / APA",
        },
    }
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Rescuers reach villages cut off by landslide | Alpine Press Agency</title>"
        f"<meta property='og:image' content='{image_url}'>"
        "<meta property='og:site_name' content='Alpine Press Agency'>"
        f"<script type='application/ld+json'>{json.dumps(metadata)}</script></head><body>"
        "<nav><a href='/'>Home</a></nav><article>"
        f"<h1>Rescuers reach villages cut off by landslide</h1>{PARAGRAPHS}</article>"
        "</body></html>"
    ).encode()


@pytest.fixture
def served_page(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/pic.jpg"] = Reply(200, jpeg(), {"Content-Type": "image/jpeg"})
    local_http.routes["/story"] = Reply(
        200, agency_page(local_http.url("/pic.jpg")), {"Content-Type": "text/html"}
    )
    return local_http.url("/story")


def test_accepted_page_keeps_byline_time_picture_and_agency(served_page, editor, newsroom):
    marco = newsroom.person("Marco Rossi")  # already in the newsroom's register
    item = import_url(served_page)
    assert item.status == ItemStatus.NEW, item.error
    story = queue.accept(item, editor)

    assert story.headline == "Rescuers reach villages cut off by landslide"
    assert [p.name for p in story.people] == ["Lena Fischer", "Marco Rossi"]
    lena = Person.objects.get(name="Lena Fischer")
    assert lena.external and story.people[1].pk == marco.pk and not marco.external
    assert story.published_at == datetime(2025, 10, 12, 5, 15, tzinfo=UTC)
    picture = story.featured_image
    assert picture.caption == "Rescue workers on the road into the valley"
    assert picture.credit == "Photo: J. Weber / APA"
    assert (picture.width, picture.height) == (640, 360)
    assert story.source_url == served_page
    assert [s.name for s in story.sources.all()] == ["Alpine Press Agency"]

    # Published by an editor, the story still carries the agency's time, byline and picture.
    story.section = newsroom.section("World")
    story.save()
    transition(story, "published", editor)
    story.refresh_from_db()
    assert story.status == "published"
    assert story.published_at == datetime(2025, 10, 12, 5, 15, tzinfo=UTC)
    assert story.featured_image_id == picture.pk and len(story.people) == 2


def test_the_agency_is_matched_not_duplicated(served_page, editor, newsroom):
    known = Source.objects.create(name="Alpine Press Agency", slug="apa")
    for _ in range(2):
        item = import_url(served_page)
        story = queue.accept(item, editor) if item.status == ItemStatus.NEW else item.story
        assert list(story.sources.all()) == [known]
        item.delete()  # the same page once more, as a fresh wire item
    assert Source.objects.count() == 1
    assert Person.objects.filter(name="Lena Fischer").count() == 1


def test_a_picture_that_cannot_be_had_leaves_the_story_without_one(
    served_page, local_http, editor
):
    local_http.routes["/pic.jpg"] = Reply(404, b"gone", {"Content-Type": "text/plain"})
    story = queue.accept(import_url(served_page), editor)
    assert story.featured_image is None
    assert [p.name for p in story.people] == ["Lena Fischer", "Marco Rossi"]
