"""Polling RSS/Atom feeds: conditional GET through the safe fetcher, feedparser, GUID/link
dedupe, per-feed health and exponential backoff."""

from __future__ import annotations

import hashlib
import json
from calendar import timegm
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from django.db import transaction
from django.utils import timezone

from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import Feed, ItemKind
from newsdesk.wire.services.ingest import clean_fields, known_guids, store_item, store_items

FEED_MAX_BYTES = 5 * 1024 * 1024
FEED_TIMEOUT = 20
MAX_BACKOFF = timedelta(hours=24)


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


def entry_fields(entry) -> dict:
    content = entry.get("content") or []
    link = entry.get("link") or ""
    body = content[0].get("value", "") if content else ""
    return {
        "guid": entry.get("id") or link or _content_guid(entry, body or entry.get("summary", "")),
        "link": link[:1000] if link.startswith(("http://", "https://")) else "",
        "headline": entry.get("title", ""),
        "summary": entry.get("summary", "") if body else "",
        "body": body or entry.get("summary", ""),
        "author": entry.get("author", ""),
        "language": (entry.get("language") or "")[:16],
        "image_url": _image(entry)[:1000],
        "published_at": _when(entry.get("published_parsed") or entry.get("updated_parsed")),
    }


def _raw(entry) -> str:
    return json.dumps(entry, default=str, ensure_ascii=False)


def ingest_document(feed: Feed, content: bytes) -> dict:
    """Parse one feed document and store its new entries; returns counts."""
    import feedparser  # here, not at the top: web workers import this module but never poll

    source = feed.wire_source.source
    # Our one sanitizer (nh3, in store_item) cleans the HTML; feedparser's own pass would
    # only cost time.
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        # An HTML page, an empty body or broken XML: the feed is not working, whatever
        # the status said (the poll counts as a failure); the document is kept to look at.
        reason = parsed.get("bozo_exception") or "not an RSS or Atom document"
        error = f"feed could not be parsed: {reason}"
        item = store_item(
            kind=ItemKind.FEED,
            raw=content.decode("utf-8", "replace"),
            source=source,
            feed=feed,
            error=error,
        )
        return {
            "new": int(item is not None),
            "seen": 0,
            "failed": 1,
            "error": error,
            "not_a_feed": True,
        }
    language = parsed.feed.get("language", "")
    prepared = []
    for entry in parsed.entries:
        try:
            # Cleaned now, not only in store_item: the GUIDs are looked up first.
            fields = clean_fields(entry_fields(entry))
            fields["language"] = fields["language"] or language[:16]
            prepared.append((entry, fields, ""))
        except Exception as exc:  # a broken entry is kept with its error, never dropped
            prepared.append((entry, {}, f"entry could not be read: {exc!r}"))
    seen = known_guids(source, {f["guid"] for _, f, _ in prepared if f.get("guid")})
    counts = {"new": 0, "seen": 0, "failed": 0, "error": ""}
    # One transaction per document (each item still in its own savepoint): one commit per
    # poll instead of several per item.
    with transaction.atomic():
        _store_entries(prepared, seen, source, feed, counts)
    return counts


def _store_entries(prepared, seen, source, feed, counts):
    batch, guids = [], set()
    for entry, fields, error in prepared:
        guid = fields.get("guid")
        if guid in seen or (guid and guid in guids):  # a feed may repeat an entry
            counts["seen"] += 1
            continue
        guids.add(guid)
        batch.append(
            {
                "kind": ItemKind.FEED,
                "raw": _raw(entry),
                "source": source,
                "feed": feed,
                "error": error,
                **({} if error else fields),
            }
        )
    for item in store_items(batch):
        if item is None:
            counts["seen"] += 1
        else:
            counts["failed" if item.error else "new"] += 1


def _ingest_or_keep(feed: Feed, content: bytes) -> dict:
    """Ingest; if that fails unexpectedly, keep the whole document with the error."""
    try:
        return ingest_document(feed, content)
    except Exception as exc:  # a parser bug must not lose the agency's copy
        error = f"feed could not be ingested: {exc!r}"
        store_item(
            kind=ItemKind.FEED,
            raw=content.decode("utf-8", "replace"),
            source=feed.wire_source.source,
            feed=feed,
            error=error,
        )
        return {"new": 0, "seen": 0, "failed": 1, "error": error}


def _retry_after(value: str, now: datetime) -> timedelta | None:
    """Retry-After as seconds or as an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        return parsedate_to_datetime(value) - now if value else None
    except (TypeError, ValueError):
        return None


def poll_feed(feed: Feed) -> dict:
    """Fetch and ingest one feed now; record health; schedule the next poll."""
    interval = timedelta(minutes=feed.wire_source.poll_minutes)
    now = timezone.now()
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        result = fetch(feed.url, headers=headers, timeout=FEED_TIMEOUT, max_bytes=FEED_MAX_BYTES)
        if result.status == 304:
            counts = {"new": 0, "seen": 0, "failed": 0, "error": "", "not_modified": True}
        elif result.status != 200:
            error = FetchError(f"HTTP {result.status} from {feed.url}")
            error.retry_after = _retry_after(result.headers.get("Retry-After", ""), now)
            raise error
        else:
            counts = _ingest_or_keep(feed, result.content)
            if counts.get("not_a_feed"):
                raise FetchError(f"{feed.url} did not answer with a feed: {counts['error']}")
    except (FetchError, UnsafeURL) as exc:
        feed.failures += 1
        feed.last_error, feed.last_error_at = str(exc), now
        # The agency's own Retry-After (429, 503) is honoured when it asks for longer.
        asked = getattr(exc, "retry_after", None) or timedelta(0)
        backoff = min(max(interval * (2**feed.failures), asked), MAX_BACKOFF)
        feed.next_poll_at, feed.last_polled_at = now + backoff, now
        feed.save()
        return {"new": 0, "seen": 0, "failed": 0, "error": str(exc)}
    with transaction.atomic():
        if result.status == 200:
            feed.etag = result.etag[:500]
            feed.last_modified = result.last_modified[:100]
        feed.failures = 0
        feed.last_success_at = feed.last_polled_at = now
        if counts.get("error"):
            feed.last_error, feed.last_error_at = counts["error"], now
        feed.next_poll_at = now + interval
        feed.save()
    return counts


def due_feeds(now=None):
    now = now or timezone.now()
    return Feed.objects.filter(next_poll_at__lte=now, wire_source__enabled=True).select_related(
        "wire_source__source"
    )


def claim_due_feed(feed: Feed, now=None) -> bool:
    """Move the feed's next poll forward unless another process did already: only one
    scheduler enqueues a given poll, however many workers run."""
    now = now or timezone.now()
    hold = now + timedelta(minutes=feed.wire_source.poll_minutes)
    return bool(
        Feed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(next_poll_at=hold)
    )
