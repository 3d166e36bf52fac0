"""Importing a story from a web page: fetched through the safe fetcher (HTML only, size
and time limits), decoded by the HTML5 encoding rules, then headline, body, date, byline,
main picture and language extracted (see page_extraction). The page is kept as the item's
raw payload.

The extraction libraries are imported on the first extraction: web workers import this
module through the wire's views, and most never extract a page."""

from __future__ import annotations

from newsdesk.content.text import clean_text
from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import ItemKind, WireItem
from newsdesk.wire.services.ingest import store_item
from newsdesk.wire.services.page_extraction import ExtractorMissing, extract_page

PAGE_MAX_BYTES = 5 * 1024 * 1024
PAGE_TIMEOUT = 15
HTML_TYPES = ["text/html", "application/xhtml+xml"]


def _guess_encoding(data: bytes) -> str | None:
    """For a page that declares no encoding anywhere: UTF-8 when the bytes are valid UTF-8,
    else what charset-normalizer reads from them."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best else None


def decode_page(content: bytes, content_type: str = "") -> str:
    """The page's text, decoded as a browser would (the HTML5 sniffing rules): a byte order
    mark first, then the charset of the Content-Type header, then a <meta charset> or
    http-equiv in the page's first bytes, then a guess from the bytes themselves. Labels
    are read the WHATWG way (e.g. "iso-8859-1" and "ascii" mean windows-1252, "euc-kr"
    means its superset cp949)."""
    from w3lib.encoding import html_to_unicode

    _encoding, text = html_to_unicode(
        content_type or None, content, auto_detect_fun=_guess_encoding
    )
    return text


def extract(html: str, url: str = "") -> dict:
    """The wire item fields of a page (empty strings where it has none)."""
    return extract_page(html, url).item_fields()


def import_url(url: str, source=None) -> WireItem:
    """Fetch and extract one page into a wire item. Raises UnsafeURL / FetchError when the
    page cannot be had, ExtractorMissing when this server cannot extract pages at all (so
    the caller says so and nothing is stored as the page's fault); a page fetched but not
    understood is stored with its error."""
    result = fetch(url, timeout=PAGE_TIMEOUT, max_bytes=PAGE_MAX_BYTES, accept=HTML_TYPES)
    if result.status != 200:
        raise FetchError(f"the page answered HTTP {result.status}")
    existing = WireItem.objects.filter(kind=ItemKind.PAGE, guid=result.final_url).first()
    if existing is not None:
        return existing
    html = decode_page(result.content, result.headers.get("content-type", ""))
    try:
        # Control characters are no text (a parser would turn NUL into U+FFFD, a vertical
        # tab into a space): dropped before extraction; the raw page keeps them.
        fields = extract(clean_text(html), result.final_url)
        error = "" if fields["body"] else "no article text found on the page"
    except ExtractorMissing:
        raise
    except Exception as exc:  # an extractor defeated by hostile markup: keep the page, say why
        fields, error = {}, f"extraction failed: {exc!r}"
    item = store_item(
        kind=ItemKind.PAGE,
        raw=html,
        source=source,
        error=error,
        **{**fields, "guid": result.final_url, "link": result.final_url},
    )
    if item is None:  # this source already had the page
        item = WireItem.objects.get(source=source, guid=result.final_url)
    return item


__all__ = ["ExtractorMissing", "FetchError", "UnsafeURL", "decode_page", "extract", "import_url"]
