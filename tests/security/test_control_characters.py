"""NUL bytes and other control characters from outside (feeds, ninjs, WordPress exports,
web pages) are dropped before anything is stored: the item is kept, cleaned, never lost and
never a 500 (PostgreSQL refuses NUL in text; run with DATABASE_URL to check that side)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bench.wxr_generate import TAIL, head, post_xml
from newsdesk.content.models import Source, Story
from newsdesk.content.text import clean_text, sanitize_html
from newsdesk.wire.models import Feed, ItemStatus, WireItem, WireSource
from newsdesk.wire.services.polling import poll_feed
from newsdesk.wire.services.wxr import ControlCharacterFilter, import_wxr
from tests.localhttp import Reply

pytestmark = pytest.mark.django_db

# C1 controls (\x85) are dropped by clean_text too, but feedparser and trafilatura read
# them as windows-1252 or whitespace first, so the importers' tests leave them out.
DIRTY = "Ha\x00rb\x01our\x07 re\x7fop\x0bens\x1b"


def test_clean_text_drops_controls_and_keeps_text():
    assert clean_text(DIRTY) == "Harbour reopens"
    assert clean_text("a\x85b\x9fc") == "abc"
    kept = "Tab\there\nline\r\nété — حمله 🚢 ＜x＞"
    assert clean_text(kept) == kept
    assert clean_text("") == "" and clean_text(None) == ""
    assert sanitize_html("<p>a\x00b\x01c</p>") == "<p>abc</p>"


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def agency(db):
    source = Source.objects.create(name="Agency", url="https://agency.example/")
    WireSource.objects.create(source=source, poll_minutes=10)
    return source


def accepted_story(desk, item) -> Story:
    response = desk.post(f"/desk/wire/{item.pk}/accept/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    return item.story


def test_feed_item_with_nul_bytes_is_stored_clean(desk, agency, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    feed = Feed.objects.create(wire_source=agency.wire, url=local_http.url("/feed.xml"))
    document = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>{DIRTY}</title><guid>urn:n\x00ul:1</guid>"
        "<author>A\x00na</author>"
        "<description>&lt;p&gt;Bo\x00dy \x01text&lt;/p&gt;</description></item>"
        "</channel></rss>"
    ).encode()
    local_http.routes["/feed.xml"] = Reply(200, document, {"Content-Type": "text/xml"})
    counts = poll_feed(feed)
    assert counts["new"] == 1, counts
    item = WireItem.objects.get()
    assert (item.headline, item.guid, item.author) == ("Harbour reopens", "urn:nul:1", "Ana")
    assert item.body == "<p>Body text</p>" and "\x00" not in item.raw
    # The next poll recognises it (the GUID lookup does not trip on NUL either).
    assert poll_feed(feed)["seen"] == 1 and WireItem.objects.count() == 1
    assert "Harbour reopens" in desk.get("/desk/wire/").content.decode()
    story = accepted_story(desk, item)
    assert story.headline == "Harbour reopens" and story.body == "<p>Body text</p>"


def test_ninjs_with_nul_is_stored_clean_and_a_broken_one_kept(desk, agency):
    document = {
        "uri": "urn:ninjs:\x00nul",
        "headline": DIRTY,
        "body_html": "<p>One\x00 two\x02</p>",
        "byline": "B\x00o",
    }
    upload = SimpleUploadedFile("doc.json", json.dumps(document).encode(), "application/json")
    response = desk.post("/desk/wire/import/ninjs/", {"file": upload, "source": agency.pk})
    assert response.status_code == 302
    item = WireItem.objects.get()
    assert (item.headline, item.body, item.author) == ("Harbour reopens", "<p>One two</p>", "Bo")
    assert item.guid == "urn:ninjs:nul" and item.status == ItemStatus.NEW
    assert accepted_story(desk, item).headline == "Harbour reopens"

    # A literal NUL outside a string is not JSON: kept whole as a failed item, NUL replaced.
    broken = SimpleUploadedFile("bad.json", b'{"uri": "x"}\x00\x00', "application/json")
    page = desk.post("/desk/wire/import/ninjs/", {"file": broken}, follow=True)
    assert page.status_code == 200 and "could not be read" in page.content.decode()
    failed = WireItem.objects.get(status=ItemStatus.FAILED)
    assert failed.raw == '{"uri": "x"}\ufffd\ufffd'


def test_web_page_with_nul_is_stored_clean(desk, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    paragraph = "The harbour reopened on Tuesday after a long winter of repairs to its walls. "
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{DIRTY}</title></head><body><article><h1>{DIRTY}</h1>"
        f"<p>{paragraph * 3}\x00\x01</p><p>{paragraph * 2}</p></article></body></html>"
    ).encode()
    local_http.routes["/page"] = Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})
    response = desk.post("/desk/wire/import/url/", {"url": local_http.url("/page")})
    assert response.status_code == 302
    item = WireItem.objects.get()
    assert item.status == ItemStatus.NEW and item.headline == "Harbour reopens"
    assert "harbour reopened" in item.body
    assert not any(clean_text(text) != text for text in (item.body, item.headline))
    assert "\x00" not in item.raw and "\ufffd" in item.raw


def test_wordpress_export_with_control_characters_imports_clean(tmp_path):
    content = "<p>First\x00 para&#0;graph&#x1;\x7f</p>\n\nSecond\x0b one."
    export = tmp_path / "export.xml"
    export.write_bytes(
        (
            head()
            + post_xml("https://old.example", 1, title=DIRTY, slug="nul-post", content=content)
            + post_xml("https://old.example", 2, title="After it", slug="after", content="Fine")
            + TAIL
        ).encode()
    )
    report = import_wxr(export, download=False)
    assert report.counts["posts created"] == 2, report.counts
    story = Story.objects.get(slug="nul-post")
    assert story.headline == "Harbour reopens"
    assert "<p>First paragraph</p>" in story.body and "Second one." in story.body
    assert Story.objects.filter(headline="After it").exists()


@pytest.mark.parametrize("size", [1, 3, 7, 64])
def test_wxr_filter_removes_references_cut_by_any_read_size(size):
    data = b"<a>x&#0;y&#x1F;z&#9;&amp;&#31;\x00w&#32;</a>"
    stream = ControlCharacterFilter(io.BytesIO(data))
    out = b""
    while chunk := stream.read(size):
        out += chunk
    # Tab (9) and space (32) are characters XML allows: kept.
    assert out == b"<a>xyz&#9;&amp;w&#32;</a>"
