"""One feed document (RSS, Atom or JSON Feed) → the fields of its entries, before storing.

Everything a reader of the feed would see is decoded here: the document's charset (the
HTTP header, the XML declaration, else a detector), HTML titles to plain text, and links
resolved against `xml:base` or the feed's own address.
"""

from __future__ import annotations

import hashlib
import json
from calendar import timegm
from datetime import UTC, datetime

from newsdesk.content.text import clean_text, plain_text
from newsdesk.wire.services.feed_document import ParsedDocument, is_empty, skipped_note
from newsdesk.wire.services.ingest import clean_fields, web_url
from newsdesk.wire.services.jsonfeed import is_json_feed, read_json_feed

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _when(parsed) -> datetime | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(timegm(parsed), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _image(entry) -> str:
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        if media.get("url") and media.get("medium", "image") == "image":
            return media["url"]
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/"):
            return link.get("href", "")
    return ""


def _content_guid(entry, body: str) -> str:
    """For entries with neither an id nor a link (some agency feeds): the same entry polled
    again has the same text, so a hash of it recognises it, as feed readers do."""
    text = "\x1f".join(str(entry.get(k, "")) for k in ("title", "published", "updated"))
    return "content:" + hashlib.sha256(f"{text}\x1f{body}".encode()).hexdigest()


def _title(entry) -> str:
    """Headlines are plain text: a title the feed declares (or feedparser recognises) as
    HTML is decoded, its tags and character references turned into the text they show."""
    title = clean_text(entry.get("title", ""))  # before splitting: \x1f is no space
    kind = (entry.get("title_detail") or {}).get("type", "")
    return plain_text(title) if kind in HTML_TYPES else " ".join(title.split())


def _link(entry) -> str:
    """The entry's web address: `link`, else its first alternate link (feedparser has
    already resolved relative ones against xml:base and the feed's address)."""
    candidates = [entry.get("link", "")] + [
        link.get("href", "") for link in entry.get("links", []) if link.get("rel") == "alternate"
    ]
    return next((url for url in map(web_url, candidates) if url), "")


def entry_fields(entry) -> dict:
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else ""
    link = _link(entry)
    return {
        "guid": entry.get("id")
        or entry.get("link")
        or _content_guid(entry, body or entry.get("summary", "")),
        "link": link,
        "headline": _title(entry),
        "summary": entry.get("summary", "") if body else "",
        "body": body or entry.get("summary", ""),
        "author": entry.get("author", ""),
        "language": (entry.get("language") or "")[:16],
        "image_url": web_url(_image(entry)),
        "published_at": _when(entry.get("published_parsed") or entry.get("updated_parsed")),
    }


def detect_charset(content: bytes) -> str | None:
    """The charset of undeclared, non-UTF-8 bytes, as a detector guesses it."""
    from charset_normalizer import from_bytes

    best = from_bytes(content[:65536]).best()
    return best.encoding if best else None


def _feedparser(content: bytes, base_url: str, content_type: str):
    import feedparser  # here, not at the top: web workers import this module but never poll

    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # Our one sanitizer (nh3, in store_item) cleans the HTML later; feedparser resolves the
    # bodies' relative href/src against xml:base and the feed's address.
    return feedparser.parse(
        content, sanitize_html=False, resolve_relative_uris=True, response_headers=headers
    )


def _charset_guess_needed(parsed) -> bool:
    """feedparser fell back to a default charset: nothing declared one and it is not UTF-8."""
    from feedparser import CharacterEncodingOverride, CharacterEncodingUnknown

    return isinstance(
        parsed.get("bozo_exception"), CharacterEncodingOverride | CharacterEncodingUnknown
    )


def _with_charset(content_type: str, charset: str) -> str:
    media_type = (content_type or "application/xml").split(";", 1)[0].strip()
    return f"{media_type}; charset={charset}"


def parse_document(content: bytes, base_url: str = "", content_type: str = "") -> ParsedDocument:
    if is_json_feed(content, content_type):
        return read_json_feed(content, base_url)
    parsed, notes = _feedparser(content, base_url, content_type), []
    if _charset_guess_needed(parsed):
        charset = detect_charset(content)
        if charset:
            parsed = _feedparser(content, base_url, _with_charset(content_type, charset))
            notes.append(f"no usable charset declared; read as {charset}, as detected")
    # A charset feedparser had to assume is noted above; any other problem is the markup's.
    problem = None
    if parsed.bozo and not _charset_guess_needed(parsed):
        problem = parsed.get("bozo_exception")
    document = ParsedDocument(language=parsed.feed.get("language", "")[:16], notes=notes)
    if not parsed.entries and (problem or not parsed.get("version")):
        document.failure = f"feed could not be parsed: {problem or 'not an RSS, Atom or JSON feed'}"
        return document
    if problem:
        document.notes.append(f"the document is malformed and was read leniently: {problem}")
    skipped = 0
    for entry in parsed.entries:
        try:
            # Cleaned now, not only in store_item: the GUIDs are looked up first.
            fields = clean_fields(entry_fields(entry))
        except Exception as exc:  # a broken entry is kept with its error, never dropped
            document.entries.append((raw_entry(entry), {}, f"entry could not be read: {exc!r}"))
            continue
        if is_empty(fields):
            skipped += 1
            continue
        fields["language"] = fields["language"] or document.language
        # Kept as its JSON text, so the parser's own objects are freed with the document.
        document.entries.append((raw_entry(entry), fields, ""))
    if skipped:
        document.notes.append(skipped_note(skipped))
    return document


def raw_entry(entry) -> str:
    return json.dumps(entry, default=str, ensure_ascii=False)
