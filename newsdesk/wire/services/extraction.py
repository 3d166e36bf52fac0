"""Importing a story from a web page: fetched through the safe fetcher (HTML only, size
and time limits), then headline, body, date, author, main image and language extracted
with trafilatura. The page is kept as the item's raw payload.

trafilatura and lxml (≈ 20 MB) are imported on the first extraction: web workers import
this module through the wire's views, and most never extract a page."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.dateparse import parse_date, parse_datetime

from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import ItemKind, WireItem
from newsdesk.wire.services.ingest import store_item

PAGE_MAX_BYTES = 5 * 1024 * 1024
PAGE_TIMEOUT = 15
HTML_TYPES = ["text/html", "application/xhtml+xml"]


def _language(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        metas = root.xpath('//meta[@http-equiv="content-language"]/@content')
        lang = metas[0] if metas else ""
    return lang.strip()[:16]


def _date(text: str | None):
    if not text:
        return None
    value = parse_datetime(text)
    if value is None:
        day = parse_date(text[:10])
        value = datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def extract(html: str, url: str = "") -> dict:
    """The story fields trafilatura finds in a page (empty strings when it finds nothing)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_images=False, include_comments=False
    )
    body_html = (
        trafilatura.extract(
            html,
            url=url or None,
            output_format="html",
            include_comments=False,
            include_images=False,
            include_links=False,
        )
        or ""
    )
    if document is None:
        return {
            "headline": "",
            "body": "",
            "text": "",
            "author": "",
            "published_at": None,
            "image_url": "",
            "language": _language(html),
            "summary": "",
        }
    body_html = body_html.replace("<html>", "").replace("</html>", "")
    body_html = body_html.replace("<body>", "").replace("</body>", "")
    return {
        "headline": document.title or "",
        "body": body_html,
        "text": document.text or "",
        "summary": document.description or "",
        "author": document.author or "",
        "published_at": _date(document.date),
        "image_url": (document.image or "")[:1000],
        "language": document.language or _language(html),
    }


def import_url(url: str, source=None) -> WireItem:
    """Fetch and extract one page into a wire item. Raises UnsafeURL / FetchError when the
    page cannot be had; a page fetched but not understood is stored with its error."""
    result = fetch(url, timeout=PAGE_TIMEOUT, max_bytes=PAGE_MAX_BYTES, accept=HTML_TYPES)
    if result.status != 200:
        raise FetchError(f"the page answered HTTP {result.status}")
    existing = WireItem.objects.filter(kind=ItemKind.PAGE, guid=result.final_url).first()
    if existing is not None:
        return existing
    html = result.text
    try:
        fields = extract(html, result.final_url)
        error = "" if fields["body"] else "no article text found on the page"
    except Exception as exc:  # trafilatura on hostile markup: keep the page, report why
        fields, error = {}, f"extraction failed: {exc!r}"
    fields.pop("text", None)
    item = store_item(
        kind=ItemKind.PAGE,
        raw=html,
        source=source,
        error=error,
        **({**fields, "guid": result.final_url, "link": result.final_url} if fields else {}),
    )
    if item is None:  # this source already had the page
        item = WireItem.objects.get(source=source, guid=result.final_url)
    return item


__all__ = ["FetchError", "UnsafeURL", "extract", "import_url"]
