"""Polling RSS/Atom/JSON feeds: conditional GET through the safe fetcher, GUID/link dedupe,
per-feed health and exponential backoff."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from django.db import transaction
from django.utils import timezone

from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import Feed, ItemKind
from newsdesk.wire.services.feed_entries import parse_document
from newsdesk.wire.services.ingest import known_guids, store_item, store_items

FEED_MAX_BYTES = 5 * 1024 * 1024
FEED_TIMEOUT = 20
STORE_SLICE = 200
MAX_BACKOFF = timedelta(hours=24)


def ingest_document(feed: Feed, content: bytes, content_type: str = "", url: str = "") -> dict:
    """Parse one feed document and store its new entries; returns counts, with `failure`
    when the document is no readable feed and `notes` on what was skipped or read leniently.

    `content_type` is the HTTP header (its charset is the document's), `url` the address
    the document came from (relative links resolve against it)."""
    source = feed.wire_source.source
    document = parse_document(content, base_url=url or feed.url, content_type=content_type)
    if document.failure:
        item = store_item(
            kind=ItemKind.FEED,
            raw=content.decode("utf-8", "replace"),
            source=source,
            feed=feed,
            error=document.failure,
        )
        return {
            "new": int(item is not None),
            "seen": 0,
            "failed": 1,
            "error": document.failure,
            "failure": document.failure,
            "notes": [],
        }
    prepared = document.entries
    seen = known_guids(source, {f["guid"] for _, f, _ in prepared if f.get("guid")})
    counts = {"new": 0, "seen": 0, "failed": 0, "error": "", "notes": document.notes}
    # One transaction per document (each item still in its own savepoint): one commit per
    # poll instead of several per item.
    with transaction.atomic():
        _store_entries(prepared, seen, source, feed, counts)
    return counts


def _store_entries(prepared, seen, source, feed, counts):
    batch, guids = [], set()
    for raw, fields, error in prepared:
        guid = fields.get("guid")
        if guid in seen or (guid and guid in guids):  # a feed may repeat an entry
            counts["seen"] += 1
            continue
        guids.add(guid)
        batch.append(
            {
                "kind": ItemKind.FEED,
                "raw": raw,
                "source": source,
                "feed": feed,
                "error": error,
                **({} if error else fields),
            }
        )
    # In slices: a feed of thousands of entries never holds thousands of items (and their
    # near-duplicate work) in memory at once.
    for start in range(0, len(batch), STORE_SLICE):
        for item in store_items(batch[start : start + STORE_SLICE]):
            if item is None:
                counts["seen"] += 1
            else:
                counts["failed" if item.error else "new"] += 1
        batch[start : start + STORE_SLICE] = [None] * len(batch[start : start + STORE_SLICE])


def _ingest_or_keep(feed: Feed, result) -> dict:
    """Ingest; if that fails unexpectedly, keep the whole document with the error."""
    content = result.content
    try:
        return ingest_document(
            feed, content, content_type=result.headers.get("content-type", ""), url=result.final_url
        )
    except Exception as exc:  # a parser bug must not lose the agency's copy
        error = f"feed could not be ingested: {exc!r}"
        store_item(
            kind=ItemKind.FEED,
            raw=content.decode("utf-8", "replace"),
            source=feed.wire_source.source,
            feed=feed,
            error=error,
        )
        return {"new": 0, "seen": 0, "failed": 1, "error": error, "failure": error, "notes": []}


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
            counts = _ingest_or_keep(feed, result)
            if counts.get("failure"):  # no feed in it (an HTML page, an empty body…)
                raise FetchError(counts["failure"])
    except (FetchError, UnsafeURL) as exc:
        _record_failure(feed, exc, interval, now)
        return {"new": 0, "seen": 0, "failed": 0, "error": str(exc)}
    except Exception as exc:  # e.g. a redirect to an address the HTTP client cannot parse
        # The poll job must not die while the feed looks healthy: the desk sees why.
        error = FetchError(f"could not fetch {feed.url}: {exc}")
        _record_failure(feed, error, interval, now)
        return {"new": 0, "seen": 0, "failed": 0, "error": str(error)}
    with transaction.atomic():
        if result.status == 200:
            feed.etag = result.etag[:500]
            feed.last_modified = result.last_modified[:100]
            # What the last document needed saying (lenient reading, skipped entries).
            feed.last_notes = "\n".join(counts.get("notes", []))
        feed.failures = 0
        feed.last_success_at = feed.last_polled_at = now
        feed.last_error = counts.get("error", "")  # a success clears an earlier failure
        if feed.last_error:
            feed.last_error_at = now
        feed.next_poll_at = now + interval
        feed.save()
    return counts


def _record_failure(feed: Feed, exc: Exception, interval: timedelta, now: datetime) -> None:
    feed.failures += 1
    feed.last_error, feed.last_error_at = str(exc), now
    # The agency's own Retry-After (429, 503) is honoured when it asks for longer.
    asked = getattr(exc, "retry_after", None) or timedelta(0)
    backoff = min(max(interval * (2**feed.failures), asked), MAX_BACKOFF)
    feed.next_poll_at, feed.last_polled_at = now + backoff, now
    feed.save()


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
