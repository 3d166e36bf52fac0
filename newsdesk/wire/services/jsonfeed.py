"""JSON Feed (https://www.jsonfeed.org/version/1.1/, and 1.0) → entry fields.

1.1 renamed `author` to `authors` (a list) and added `language`; both versions are read.
Relative addresses resolve against the feed's `feed_url`, else the address it was fetched
from, as the specification asks.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from django.utils.dateparse import parse_datetime

from newsdesk.content.text import clean_text
from newsdesk.wire.services.feed_document import ParsedDocument, is_empty, skipped_note
from newsdesk.wire.services.ingest import clean_fields, web_url

JSON_FEED_TYPES = ("application/feed+json", "application/json")


def is_json_feed(content: bytes, content_type: str) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type in JSON_FEED_TYPES:
        return True
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version" in content[:4096]


def _absolute_links(html: str, base: str) -> str:
    """The body's relative href/src (and srcset) made absolute against the feed's address."""
    if not html or not base:
        return html
    from lxml import etree
    from lxml.html import fragment_fromstring, tostring

    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    root.make_links_absolute(base, resolve_base_href=False, handle_failures="discard")
    inner = (root.text or "") + "".join(tostring(child, encoding="unicode") for child in root)
    return inner


def _authors(item: dict, feed: dict) -> str:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else None)
    authors = authors or feed.get("authors") or ([feed["author"]] if feed.get("author") else [])
    if not isinstance(authors, list):
        return ""
    return ", ".join(
        str(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name")
    )


def _when(value) -> object:
    try:
        return parse_datetime(str(value or "")) if value else None
    except ValueError:
        return None


def item_fields(item: dict, feed: dict, base: str) -> dict:
    if not isinstance(item, dict):
        raise ValueError("a JSON Feed item is an object")
    if item.get("id") in (None, ""):
        raise ValueError("a JSON Feed item needs an 'id'")
    url = str(item.get("url") or item.get("external_url") or "")
    url = web_url(urljoin(base, url)) if url else ""
    html = str(item.get("content_html") or "")
    text = str(item.get("content_text") or "")
    body = _absolute_links(html, base) if html else ""
    if not body and text:
        from html import escape

        body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    image = item.get("image") or item.get("banner_image") or ""
    return clean_fields(
        {
            "guid": str(item["id"]),
            "link": url,
            "headline": " ".join(clean_text(str(item.get("title") or "")).split()),
            "summary": str(item.get("summary") or ""),
            "body": body,
            "author": _authors(item, feed),
            "language": str(item.get("language") or feed.get("language") or "")[:16],
            "image_url": web_url(urljoin(base, str(image))) if image else "",
            "published_at": _when(item.get("date_published") or item.get("date_modified")),
        }
    )


def _raw(item) -> str:
    return json.dumps(item, ensure_ascii=False)


def read_json_feed(content: bytes, fetched_from: str = ""):
    try:
        feed = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return ParsedDocument(failure=f"feed could not be parsed: not valid JSON ({exc})")
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        return ParsedDocument(failure="feed could not be parsed: a JSON Feed has an 'items' list")
    base = web_url(urljoin(fetched_from, str(feed.get("feed_url") or ""))) or fetched_from
    document = ParsedDocument(language=str(feed.get("language") or "")[:16])
    if "jsonfeed.org/version/" not in str(feed.get("version", "")):
        document.notes.append("no JSON Feed 'version'; read as JSON Feed 1.1")
    skipped = 0
    for item in feed["items"]:
        try:
            fields = item_fields(item, feed, base)
        except (ValueError, TypeError) as exc:
            document.entries.append((_raw(item), {}, f"entry could not be read: {exc}"))
            continue
        if is_empty(fields):
            skipped += 1
            continue
        document.entries.append((_raw(item), fields, ""))
    if skipped:
        document.notes.append(skipped_note(skipped))
    return document
