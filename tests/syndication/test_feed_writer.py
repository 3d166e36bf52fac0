"""Feeds write their items by hand (feed_writer) for speed: the bytes must be exactly those
Django's own RSS and Atom generators write for the same stories, hostile text included."""

import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.utils import feedgenerator, timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.http import http_date
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.content.models import Story
from newsdesk.content.services import reading
from newsdesk.syndication import feed_writer
from newsdesk.syndication.xmltext import is_xml_text, xml_safe

CONTROLS = "\x0b\x1f\x08\ufffe"


class ReferenceRss(Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] != item["pubdate"]:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


def reference_items(generator, full_content: bool) -> bytes:
    """The feed of the newest live stories as Django's syndication framework writes it from
    model instances, one add_item() per story (how feeds.py wrote it before)."""
    request = RequestFactory().get("/feeds/rss/")
    feed = generator(title="t", link="http://testserver/", description="d")
    for story in reading.archive().prefetch_related("tags")[:50]:
        link = request.build_absolute_uri(story.get_absolute_url())
        image = story.featured_image
        enclosures = []
        if image and image.file and image.file.storage.exists(image.file.name):
            url = request.build_absolute_uri(image.file.url)
            enclosures = [Enclosure(url, str(image.file.size), "image/jpeg")]
        body = story.body if full_content and story.body else story.summary
        authors = ", ".join(b.person.name for b in story.byline_set.order_by("position", "id"))
        feed.add_item(
            title=xml_safe(story.headline),
            link=link,
            description=xml_safe(body),
            unique_id=link,
            unique_id_is_permalink=True,
            enclosures=enclosures,
            pubdate=story.published_at,
            updateddate=story.updated_at if story.was_updated else story.published_at,
            author_name=xml_safe(authors) or None,
            categories=[xml_safe(t.name) for t in story.tags.order_by("name", "id")],
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue().encode(), feed.latest_post_date()


def items_of(document: bytes, first: bytes) -> bytes:
    return document[document.index(first) :]


@pytest.fixture(params=["clean", "hostile"])
def stories(request, newsroom):
    """Stories with everything a feed item shows; "hostile" adds characters XML forbids,
    which make the feed write itself a second time with every text cleaned."""
    bad = CONTROLS if request.param == "hostile" else ""
    now = timezone.now()
    first, second = newsroom.person(f"Zoë O'Brien & Co{bad}"), newsroom.person("Ali <Writer>")
    tags = [newsroom.tag(f"Tag \"quoted\" & 'single' <b>{bad}"), newsroom.tag("line\nbreak\ttab")]
    newsroom.story(
        f"Tom & Jerry <script>alert(1)</script> 🎉 حمله به کی‌یف{bad} end",
        standfirst=f"Fish & chips < 5{bad} pounds",
        body=f"<p>A &amp; B “quoted”</p>\n<p>{bad}second</p>",
        bylines=[first, second],
        tags=tags,
        featured_image=newsroom.image(),
        published_at=now - timedelta(hours=3),
    )
    updated = newsroom.story("Corrected later", published_at=now - timedelta(hours=4))
    Story.objects.filter(pk=updated.pk).update(updated_at=now - timedelta(hours=1))
    newsroom.story(bad or "Empty body", standfirst="", body="", bylines=[second])
    gone = newsroom.story("Picture file gone", featured_image=newsroom.image(), tags=tags[1:])
    gone.featured_image.file.storage.delete(gone.featured_image.file.name)
    newsroom.story("Summary only", standfirst="", body="<p>Only <b>the</b> body &amp; more</p>")


@pytest.mark.parametrize("full_content", [True, False])
@pytest.mark.parametrize(
    ("url", "generator", "first", "latest"),
    [
        ("/feeds/rss/", ReferenceRss, b"<item>", rb"<lastBuildDate>(.*?)</lastBuildDate>"),
        ("/feeds/atom/", Atom1Feed, b"<entry>", rb"</id><updated>(.*?)</updated>"),
    ],
)
def test_items_are_byte_for_byte_those_of_djangos_generators(
    client, settings, stories, full_content, url, generator, first, latest
):
    settings.NEWSDESK_FEED_FULL_CONTENT = full_content
    response = client.get(url)
    assert response.status_code == 200
    expected, latest_date = reference_items(generator, full_content)
    assert items_of(response.content, first) == items_of(expected, first)
    # The channel's date (and Last-Modified) is the newest story's, as Django makes it.
    assert re.search(latest, response.content)[1] == re.search(latest, expected)[1]
    assert response["Last-Modified"] == http_date(latest_date.timestamp())


def test_a_feed_costs_the_same_few_queries_however_many_bylines_and_tags(
    client, newsroom, django_assert_num_queries
):
    people, tags = [newsroom.person() for _ in range(3)], [newsroom.tag() for _ in range(3)]
    for _ in range(5):
        newsroom.story(bylines=people, tags=tags, featured_image=newsroom.image())
    for url in ("/feeds/rss/", "/feeds/atom/"):
        with django_assert_num_queries(3):  # stories, bylines, tags
            assert client.get(url).status_code == 200


@given(st.text())
def test_is_xml_text_agrees_with_xml_safe(text):
    try:
        data = text.encode()
    except UnicodeEncodeError:  # lone surrogates cannot reach a document at all
        return
    assert is_xml_text(data) == (xml_safe(text) == text)


@pytest.mark.parametrize(
    "zone", [UTC, ZoneInfo("UTC"), ZoneInfo("Europe/London"), ZoneInfo("Asia/Tehran")]
)
def test_dates_are_djangos_in_any_zone_once_kept(zone):
    """The writer keeps the dates it wrote: an instant seen first in UTC, then the same
    instant in another zone, is still written in that zone's offset, as Django writes it."""
    winter, summer = (
        datetime(2026, 1, 15, 9, 30, 5, 123456, UTC),
        datetime(2026, 7, 1, 23, 0, tzinfo=UTC),
    )
    for instant in (winter, summer, winter):
        moment = instant.astimezone(zone)
        assert feed_writer.rfc2822_date(moment) == feedgenerator.rfc2822_date(moment)
        assert feed_writer.rfc3339_date(moment) == feedgenerator.rfc3339_date(moment)
