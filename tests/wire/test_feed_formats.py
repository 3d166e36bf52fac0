"""Feeds as the world writes them: HTML titles, charsets, relative links, honest health,
JSON Feed. Polled through a real local HTTP server into the real database."""

import json

import pytest
from django.db import connection

from newsdesk.content.models import Source, Story
from newsdesk.wire.models import Feed, ItemStatus, Rule, WireItem, WireSource
from newsdesk.wire.services.polling import poll_feed
from tests.localhttp import Reply


@pytest.fixture
def feed(db, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    source = Source.objects.create(name="Agency", url="https://agency.example/")
    wire = WireSource.objects.create(source=source, poll_minutes=10)
    return Feed.objects.create(wire_source=wire, url=local_http.url("/news/feed.xml"))


def serve(local_http, body, content_type="application/rss+xml"):
    headers = {"Content-Type": content_type} if content_type else {}
    local_http.routes["/news/feed.xml"] = Reply(200, body, headers)


def rss(items, declaration='<?xml version="1.0" encoding="utf-8"?>', attrs=""):
    return (
        f'{declaration}<rss version="2.0"{attrs}><channel><title>W</title>{items}</channel></rss>'
    )


def test_html_titles_are_stored_as_decoded_plain_text(feed, local_http):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>A</title>"
        '<entry><id>t:1</id><title type="html">Rock &amp;amp; Roll &lt;em&gt;live&lt;/em&gt;'
        "</title><content>x</content></entry>"
        '<entry><id>t:2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        "Rock <b>&amp;</b> Roll</div></title><content>x</content></entry>"
        '<entry><id>t:3</id><title type="text">Plain &lt;b&gt; stays</title>'
        "<content>x</content></entry></feed>"
    )
    serve(local_http, atom.encode(), "application/atom+xml")
    assert poll_feed(feed)["new"] == 3
    assert WireItem.objects.get(guid="t:1").headline == "Rock & Roll live"
    assert WireItem.objects.get(guid="t:2").headline == "Rock & Roll"
    assert WireItem.objects.get(guid="t:3").headline == "Plain <b> stays"
    # WordPress writes RSS titles with character references, escaped once more.
    serve(
        local_http, rss("<item><guid>w:1</guid><title>It&amp;#8217;s here</title></item>").encode()
    )
    poll_feed(feed)
    assert WireItem.objects.get(guid="w:1").headline == "It\u2019s here"


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("koi8-r", "Москва: новости дня и погода на завтра в столице"),
        ("euc-jp", "東京の天気予報と今日のニュースをお届けします"),
        ("big5", "台北今日新聞與天氣預報，市民生活資訊"),
    ],
)
def test_charsets_from_the_header_or_detected(feed, local_http, charset, text):
    item = f"<item><guid>c:1</guid><title>{text}</title><description>{text} {text}</description>"
    item += "</item>"
    body = rss(item, declaration='<?xml version="1.0"?>').encode(charset)
    # Declared in the HTTP header only: the parser must be told.
    serve(local_http, body, f"text/xml; charset={charset}")
    poll_feed(feed)
    assert WireItem.objects.get(guid="c:1").headline == text
    # Declared nowhere: a detector reads the bytes.
    WireItem.objects.all().delete()
    serve(local_http, body, "application/rss+xml")
    poll_feed(feed)
    assert WireItem.objects.get(guid="c:1").headline == text
    feed.refresh_from_db()
    assert "as detected" in feed.last_notes


def test_relative_and_upper_case_links_resolved_and_bodies_made_absolute(feed, local_http):
    items = (
        "<item><guid>l:1</guid><title>One</title><link>/stories/1</link>"
        '<description>&lt;p&gt;&lt;a href="more.html"&gt;more&lt;/a&gt;'
        '&lt;img src="/img/a.jpg" alt="a"&gt;&lt;/p&gt;</description></item>'
        "<item><guid>l:2</guid><title>Two</title><link>HTTPS://Agency.example/2</link></item>"
    )
    serve(local_http, rss(items).encode())
    poll_feed(feed)
    first = WireItem.objects.get(guid="l:1")
    assert first.link == local_http.url("/stories/1")
    assert f'href="{local_http.url("/news/more.html")}"' in first.body
    assert f'src="{local_http.url("/img/a.jpg")}"' in first.body
    assert WireItem.objects.get(guid="l:2").link.lower() == "https://agency.example/2"
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:base="https://base.example/section/"><title>A</title>'
        '<entry><id>b:1</id><title>B</title><link href="story-1"/>'
        '<content type="html">&lt;a href="../other"&gt;x&lt;/a&gt;</content></entry></feed>'
    )
    serve(local_http, atom.encode(), "application/atom+xml")
    poll_feed(feed)
    item = WireItem.objects.get(guid="b:1")
    assert item.link == "https://base.example/section/story-1"
    assert 'href="https://base.example/other"' in item.body


def test_health_is_honest(feed, local_http):
    local_http.routes["/news/feed.xml"] = Reply(500, b"down", {})
    poll_feed(feed)
    serve(local_http, rss("<item><guid>h:1</guid><title>Fine</title></item>").encode())
    poll_feed(feed)
    feed.refresh_from_db()
    assert (feed.failures, feed.last_error) == (0, "")  # a success clears the failure
    for not_a_feed in (b"<html><body>Maintenance <b>page", b""):
        serve(local_http, not_a_feed, "text/html")
        poll_feed(feed)
        feed.refresh_from_db()
        assert feed.failures >= 1 and "could not be parsed" in feed.last_error
    # An empty <item/> is no wire item; the feed says it was skipped.
    serve(local_http, rss("<item/><item><guid>h:2</guid><title>Real</title></item>").encode())
    counts = poll_feed(feed)
    feed.refresh_from_db()
    assert counts["new"] == 1 and feed.failures == 0
    assert "1 empty entries skipped" in feed.last_notes
    assert not WireItem.objects.filter(status=ItemStatus.NEW, headline="", body="").exists()
    # A malformed document read leniently is noted.
    serve(local_http, rss("<item><guid>h:3</guid><title>Bad & broken</title></item>").encode())
    poll_feed(feed)
    feed.refresh_from_db()
    assert WireItem.objects.filter(guid="h:3").exists()
    assert "malformed" in feed.last_notes


def test_one_bad_entry_never_takes_its_neighbours(feed, local_http):
    """A headline over the story's limit becomes a draft with the headline cut to fit, the
    same on SQLite and PostgreSQL; its neighbours become drafts too."""
    feed.wire_source.rule = Rule.DRAFT
    feed.wire_source.save()
    long_title = "Long " * 100  # 500 characters: the wire keeps it, a story holds 300
    items = "".join(
        f"<item><guid>d:{n}</guid><title>{title}</title><description>Text {n}</description></item>"
        for n, title in enumerate(["Before", long_title, "After"])
    )
    serve(local_http, rss(items).encode())
    counts = poll_feed(feed)
    assert counts["new"] == 3, counts
    limit = Story._meta.get_field("headline").max_length
    assert WireItem.objects.filter(status=ItemStatus.ACCEPTED).count() == 3
    headlines = sorted(Story.objects.values_list("headline", flat=True), key=len)
    assert headlines[:2] == ["After", "Before"] or headlines[:2] == ["Before", "After"]
    assert 0 < len(headlines[2]) <= limit and long_title.startswith(headlines[2].rstrip("…"))
    assert connection.vendor in ("sqlite", "postgresql")


def test_json_feed_1_1_and_1_0(feed, local_http):
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON wire",
        "feed_url": local_http.url("/news/feed.json"),
        "language": "de",
        "authors": [{"name": "Desk"}],
        "items": [
            {
                "id": "j:1",
                "url": "stories/1",
                "title": "Erste Meldung",
                "content_html": '<p>Text <a href="/x">link</a></p><script>x()</script>',
                "summary": "Kurz",
                "image": "/img/1.jpg",
                "date_published": "2025-06-10T08:00:00+02:00",
                "authors": [{"name": "Ana"}, {"name": "Ben"}],
            },
            {"id": "j:2", "title": "Nur Text", "content_text": "Absatz eins\n\nAbsatz zwei"},
            {"id": "j:3"},
            {"title": "no id"},
        ],
    }
    serve(local_http, json.dumps(document).encode(), "application/feed+json")
    counts = poll_feed(feed)
    assert (counts["new"], counts["failed"]) == (2, 1), counts
    first = WireItem.objects.get(guid="j:1")
    assert first.link == local_http.url("/news/stories/1")
    assert first.headline == "Erste Meldung" and first.author == "Ana, Ben"
    assert f'href="{local_http.url("/x")}"' in first.body and "<script" not in first.body
    assert first.image_url == local_http.url("/img/1.jpg") and first.language == "de"
    assert first.published_at.isoformat() == "2025-06-10T06:00:00+00:00"
    second = WireItem.objects.get(guid="j:2")
    assert second.body == "<p>Absatz eins</p><p>Absatz zwei</p>" and second.author == "Desk"
    failed = WireItem.objects.get(status=ItemStatus.FAILED)
    assert "needs an 'id'" in failed.error and "no id" in failed.raw
    feed.refresh_from_db()
    assert "1 empty entries skipped" in feed.last_notes
    # JSON Feed 1.0: a single `author`, served as plain JSON.
    legacy = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {
                "id": "old:1",
                "title": "Old",
                "author": {"name": "Solo"},
                "url": "https://a.example/1",
            }
        ],
    }
    serve(local_http, json.dumps(legacy).encode(), "application/json")
    poll_feed(feed)
    assert WireItem.objects.get(guid="old:1").author == "Solo"


def test_a_redirect_to_an_unusable_address_is_a_feed_failure(feed, local_http):
    location = "http:" + "\\\\127.0.0.1\\feed.xml"  # http:\\host\path, as some servers send
    local_http.routes["/news/feed.xml"] = Reply(302, b"", {"Location": location})
    counts = poll_feed(feed)  # no exception out of the job
    feed.refresh_from_db()
    assert feed.failures == 1 and feed.last_error and counts["error"] == feed.last_error
