"""Feeds write their channel by hand (feed_channel) for speed: the bytes around the items
must be exactly those Django's syndication framework writes from the same Feed hooks."""

import io
import re

import pytest
from django.test import RequestFactory
from django.urls import resolve

HOSTILE = 'Tom & "Jerry" <b>\'s</b> 🎉 حمله\x0b'
# The channel's date is the newest story's: tests/syndication/test_feed_writer.py checks it
# against Django's; here it is masked, as an empty feed's is "now".
DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>|<updated>[^<]*</updated>")


@pytest.fixture
def lists(newsroom):
    """A section, tag and author with names and texts XML must escape (or cannot carry),
    each with a story, and an empty section."""
    section = newsroom.section(HOSTILE, description=f"About {HOSTILE} & more")
    tag = newsroom.tag(f"Tag {HOSTILE}")
    person = newsroom.person(f"Zoë {HOSTILE}", bio="")
    newsroom.story("In all three", section=section, tags=[tag], bylines=[person])
    empty = newsroom.section("Nothing yet")
    return {"section": section.slug, "tag": tag.slug, "author": person.slug, "empty": empty.slug}


def djangos_document(url: str) -> bytes:
    """The feed as Django's own `Feed.get_feed()` and generator write it for the view's
    hooks (no items: the feeds write those by hand, tested against Django's elsewhere)."""
    match = resolve(url)
    view, request = match.func, RequestFactory().get(url)
    feed = view.get_feed(view.get_object(request, *match.args, **match.kwargs), request)
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue().encode()


@pytest.mark.parametrize("format_", ["rss", "atom"])
@pytest.mark.parametrize("kind", ["site", "section", "tag", "author", "empty"])
def test_channel_is_byte_for_byte_djangos(client, lists, kind, format_):
    if kind == "site":
        url = f"/feeds/{format_}/"
    else:
        list_kind = "section" if kind == "empty" else kind
        url = f"/feeds/{list_kind}/{lists[kind]}/{format_}/"
    response = client.get(url)
    assert response.status_code == 200
    expected = DATE.sub(b"", djangos_document(url))
    ours = DATE.sub(b"", response.content)
    end = b"</channel></rss>" if format_ == "rss" else b"</feed>"
    assert expected.endswith(end) and ours.endswith(end)
    head = expected[: -len(end)]
    assert ours.startswith(head)
    items = ours[len(head) : -len(end)]
    if kind == "empty":
        assert items == b""
    else:
        assert items.startswith(b"<item>" if format_ == "rss" else b"<entry>")
