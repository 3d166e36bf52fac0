"""Feed polling against a real local HTTP server and the real database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Source
from newsdesk.wire.models import Feed, ItemStatus, Rule, WireItem, WireSource
from newsdesk.wire.services.polling import claim_due_feed, due_feeds, poll_feed
from tests.localhttp import Reply

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Agency wire</title><language>fr</language>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>https://agency.example/{n}</link>
<guid>urn:agency:{n}</guid><pubDate>Tue, 10 Jun 2025 08:0{n}:00 +0200</pubDate>
<author>desk@agency.example (Ana Reporter)</author>
<description>&lt;p&gt;Text of story {n}.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description>
<media:content url="https://agency.example/{n}.jpg" medium="image"/>
</item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Atom one</title><id>tag:atom,2025:1</id>
<link href="https://atom.example/1"/><updated>2025-06-10T06:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body&lt;/p&gt;</content></entry></feed>"""


def rss(*numbers):
    return RSS.format(items="".join(ITEM.format(n=n, title=f"Story {n}") for n in numbers))


@pytest.fixture
def feed(db, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    source = Source.objects.create(name="Agency", url="https://agency.example/")
    wire = WireSource.objects.create(source=source, poll_minutes=10)
    return Feed.objects.create(wire_source=wire, url=local_http.url("/feed.xml"))


def test_poll_stores_items_with_parsed_fields_and_raw(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(200, rss(1, 2).encode(), {"Content-Type": "text/xml"})
    counts = poll_feed(feed)
    assert counts["new"] == 2
    item = WireItem.objects.get(guid="urn:agency:1")
    assert item.headline == "Story 1"
    assert item.link == "https://agency.example/1"
    assert item.published_at == datetime(2025, 6, 10, 6, 1, tzinfo=UTC)
    assert item.language == "fr"
    assert item.image_url == "https://agency.example/1.jpg"
    assert "Text of story 1." in item.body and "<script" not in item.body
    assert "urn:agency:1" in item.raw
    assert item.source == feed.wire_source.source and item.status == ItemStatus.NEW


def test_second_poll_is_conditional_and_dedupes(feed, local_http):
    def serve(handler):
        if handler.headers.get("If-None-Match") == '"abc"':
            return Reply(304, b"", {"ETag": '"abc"'})
        return Reply(200, rss(1, 2).encode(), {"Content-Type": "text/xml", "ETag": '"abc"'})

    local_http.routes["/feed.xml"] = serve
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.etag == '"abc"'
    counts = poll_feed(feed)
    assert counts.get("not_modified") is True
    assert local_http.requests[-1][2]["If-None-Match"] == '"abc"'
    # A feed that ignores conditional GET: items already stored are not stored again.
    feed.etag = ""
    feed.save()
    local_http.routes["/feed.xml"] = Reply(200, rss(1, 2, 3).encode(), {})
    counts = poll_feed(feed)
    assert (counts["new"], counts["seen"]) == (1, 2)
    assert WireItem.objects.count() == 3


def test_entries_without_guid_or_link_are_kept_and_recognised_by_their_text(feed, local_http):
    bare = RSS.format(
        items="<item><title>Quake hits coast</title><description>Text A</description></item>"
        "<item><title>Rain</title><description>Text B</description></item>"
    )
    local_http.routes["/feed.xml"] = Reply(200, bare.encode(), {"Content-Type": "text/xml"})
    assert poll_feed(feed)["new"] == 2
    assert poll_feed(feed)["seen"] == 2  # the same text again: nothing stored twice
    item = WireItem.objects.get(headline="Quake hits coast")
    assert item.status == ItemStatus.NEW and "Text A" in item.body
    assert WireItem.objects.count() == 2


def test_atom_feed(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(
        200, ATOM.encode(), {"Content-Type": "application/atom+xml"}
    )
    poll_feed(feed)
    item = WireItem.objects.get()
    assert (item.headline, item.guid, item.body) == (
        "Atom one",
        "tag:atom,2025:1",
        "<p>Atom body</p>",
    )


def test_failure_backs_off_exponentially_and_shows_health(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(500, b"down", {})
    before = timezone.now()
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 1 and "HTTP 500" in feed.last_error
    first_wait = feed.next_poll_at - before
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 2
    assert feed.next_poll_at - before > first_wait * 1.5
    assert first_wait >= timedelta(minutes=19)  # 10-minute interval doubled
    local_http.routes["/feed.xml"] = Reply(200, rss(1).encode(), {})
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 0 and feed.last_success_at is not None


def test_a_feed_that_asks_us_to_slow_down_is_left_alone_that_long(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(429, b"slow down", {"Retry-After": "7200"})
    before = timezone.now()
    poll_feed(feed)
    feed.refresh_from_db()
    assert "HTTP 429" in feed.last_error
    assert timedelta(hours=2) <= feed.next_poll_at - before < timedelta(hours=2, minutes=1)
    later = (timezone.now() + timedelta(hours=5)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    local_http.routes["/feed.xml"] = Reply(503, b"maintenance", {"Retry-After": later})
    poll_feed(feed)
    feed.refresh_from_db()
    assert timedelta(hours=4, minutes=58) < feed.next_poll_at - before <= timedelta(hours=5)


def test_unparseable_feed_is_kept_with_its_error(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(200, b"<html><body>Oops <b>not a feed", {})
    poll_feed(feed)
    poll_feed(feed)  # the same broken document is not stored twice
    item = WireItem.objects.get()
    assert item.status == ItemStatus.FAILED
    assert "could not be parsed" in item.error
    assert item.raw == "<html><body>Oops <b>not a feed"


def test_refused_address_is_a_health_error(feed, settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    poll_feed(feed)
    feed.refresh_from_db()
    assert "refused" in feed.last_error and WireItem.objects.count() == 0


def test_auto_draft_rule_creates_draft_stories(feed, local_http):
    feed.wire_source.rule = Rule.DRAFT
    feed.wire_source.save()
    local_http.routes["/feed.xml"] = Reply(200, rss(1).encode(), {})
    poll_feed(feed)
    item = WireItem.objects.get()
    assert item.status == ItemStatus.ACCEPTED
    assert item.story.status == "draft"
    assert list(item.story.sources.all()) == [feed.wire_source.source]


def test_only_one_scheduler_claims_a_due_feed(feed):
    assert [f.pk for f in due_feeds()] == [feed.pk]
    stale_copy = Feed.objects.get(pk=feed.pk)
    assert claim_due_feed(feed) is True
    assert claim_due_feed(stale_copy) is False
    assert list(due_feeds()) == []


def test_feed_entities_are_not_expanded(feed, local_http):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<rss version="2.0"><channel><title>T</title><item><guid>e1</guid>'
        "<title>Entity &x; test</title><description>&c;</description></item></channel></rss>"
    )
    local_http.routes["/feed.xml"] = Reply(200, xxe.encode(), {"Content-Type": "text/xml"})
    poll_feed(feed)
    item = WireItem.objects.get()  # stored (parsed or with its error), never dropped
    assert "root:" not in item.headline + item.body + item.raw


@pytest.mark.parametrize(
    "body",
    [b"<!doctype html><html><head><title>Home</title></head><body>Welcome</body></html>", b""],
)
def test_a_page_or_an_empty_answer_is_a_failed_poll(feed, local_http, body):
    local_http.routes["/feed.xml"] = Reply(200, body, {"Content-Type": "text/html"})
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 1 and feed.last_success_at is None
    assert "could not be parsed" in feed.last_error


def test_a_redirect_to_a_malformed_address_is_a_failed_poll(feed, local_http):
    local_http.routes["/feed.xml"] = Reply(302, b"", {"Location": "http:\\\\evil.example\\feed"})
    counts = poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 1 and "malformed" in feed.last_error
    assert counts["error"] == feed.last_error
