"""The XSS corpus sent in the way agencies and old sites send copy: as items of a feed polled
over real HTTP, as ninjs documents uploaded to the wire desk, as posts of a WordPress export.
Every item is accepted into a story and published; the wire queue, the item pages, the story
pages and the API output are checked: no payload survives as markup that would execute."""

import json
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bench.wxr_generate import TAIL, head, post_xml
from newsdesk.content.models import Source, Story
from newsdesk.content.services.publishing import publish
from newsdesk.wire.models import Feed, ItemStatus, WireItem, WireSource
from newsdesk.wire.services.polling import poll_feed
from newsdesk.wire.services.wxr import import_wxr
from tests.localhttp import Reply
from tests.security.html_danger import dangers_in
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def agency(db):
    source = Source.objects.create(name="Agency", url="https://agency.example/")
    WireSource.objects.create(source=source, poll_minutes=10)
    return source


def assert_clean(response, where, own=()):
    """`own`: what the page's template itself has (nothing, for the desk's pages)."""
    assert response.status_code == 200, where
    found = dangers_in(response.content.decode())
    assert found == list(own), (where, found)


@pytest.fixture
def desk_own(desk):
    """What the wire desk's own pages hold before any item exists: the template's part."""
    own = dangers_in(desk.get("/desk/wire/").content.decode())
    assert own == []  # the desk's style sheet and scripts are files: nothing inline at all
    return own


def check_queue_pages(desk, own):
    number, pages = 1, 0
    while True:
        response = desk.get("/desk/wire/", {"status": "all", "page": number})
        assert_clean(response, f"wire queue page {number}", own)
        pages += 1
        if f"page={number + 1}" not in response.content.decode():
            return pages
        number += 1


def accept_publish_and_check(desk, own, anonymous, items):
    """Each item: its desk page, then accepted, published, its public page and API output."""
    for item in items:
        assert_clean(desk.get(f"/desk/wire/{item.pk}/"), f"wire item {item.pk}", own)
        assert desk.post(f"/desk/wire/{item.pk}/accept/").status_code == 302
        item.refresh_from_db()
        assert item.status == ItemStatus.ACCEPTED, item.error
        check_story(anonymous, publish(item.story))


def check_story(anonymous, story):
    assert_clean(anonymous.get(story.get_absolute_url()), f"story {story.pk}")
    api = anonymous.get(f"/api/stories/{story.pk}")
    assert api.status_code == 200 and api.headers["Content-Type"].startswith("application/json")
    data = api.json()
    # HTML fields must be clean HTML; plain-text fields are the stored string (JSON, not HTML).
    assert dangers_in(data["body"]) == [], story.pk
    assert data["headline"] == story.headline


def test_corpus_as_feed_items(desk, desk_own, client, agency, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    feed = Feed.objects.create(wire_source=agency.wire, url=local_http.url("/feed.xml"))
    items = "".join(
        f"<item><title>{escape(payload)}</title><guid>urn:xss:{n}</guid>"
        f"<author>{escape(payload)}</author>"
        f"<link>{escape(payload) if n % 2 else 'https://agency.example/' + str(n)}</link>"
        f"<description>{escape(f'<p>Lead {n}</p>{payload}')}</description>"
        f'<enclosure url="{escape(payload, {chr(34): "&quot;"})}" type="image/jpeg"/></item>'
        for n, payload in enumerate(PAYLOADS)
    )
    document = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>X</title>'
        f"{items}</channel></rss>"
    )
    local_http.routes["/feed.xml"] = Reply(200, document.encode(), {"Content-Type": "text/xml"})
    counts = poll_feed(feed)
    assert counts["new"] == len(PAYLOADS), counts
    first = WireItem.objects.get(guid="urn:xss:0")  # ordinary parts are kept
    assert first.link == "https://agency.example/0" and "<p>Lead 0</p>" in first.body
    # A payload in <link> is never a script address: at most a relative one, resolved
    # against the feed's own address like every relative link.
    for item in WireItem.objects.all():
        assert item.link == "" or item.link.startswith(
            ("https://agency.example/", local_http.url("/"))
        )
    assert check_queue_pages(desk, desk_own) >= 2
    accept_publish_and_check(desk, desk_own, client, WireItem.objects.order_by("pk"))
    assert Story.objects.count() == len(PAYLOADS)


def test_corpus_as_ninjs_documents(desk, desk_own, client, agency):
    for n, payload in enumerate(PAYLOADS):
        document = {
            "uri": f"urn:xss:ninjs:{n}",
            "headline": payload,
            "body_html": f"<p>Lead {n}</p>{payload}",
            "description_text": payload,
            "byline": payload,
            "link": payload,
            "associations": {"pic": {"type": "picture", "renditions": {"x": {"href": payload}}}},
        }
        upload = SimpleUploadedFile("doc.json", json.dumps(document).encode(), "application/json")
        response = desk.post("/desk/wire/import/ninjs/", {"file": upload, "source": agency.pk})
        assert response.status_code == 302, n
    assert WireItem.objects.filter(status=ItemStatus.NEW).count() == len(PAYLOADS)
    check_queue_pages(desk, desk_own)
    accept_publish_and_check(desk, desk_own, client, WireItem.objects.order_by("pk"))


def test_corpus_as_wordpress_posts(client, tmp_path):
    posts = "".join(
        post_xml(
            "https://old.example",
            n + 1,
            # The generator puts content and excerpt in CDATA; a payload holding "]]>" is
            # split across two CDATA sections, as WordPress does.
            title=payload,
            slug=f"xss-{n}",
            content=f"Lead {n}\n\n{payload}".replace("]]>", "]]]]><![CDATA[>"),
            excerpt=payload.replace("]]>", "]]]]><![CDATA[>"),
        )
        for n, payload in enumerate(PAYLOADS)
    )
    export = tmp_path / "export.xml"
    export.write_text(head() + posts + TAIL, encoding="utf-8")
    report = import_wxr(export, download=False)
    assert report.counts["posts created"] == len(PAYLOADS), (report.counts, report.skipped)
    for story in Story.objects.order_by("pk"):
        assert story.is_live
        check_story(client, story)
