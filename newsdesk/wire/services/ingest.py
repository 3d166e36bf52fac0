"""Storing incoming copy as wire items: one path for every importer (feeds, pages, ninjs).

Nothing is dropped silently: an item whose parsing failed is stored with its raw payload
and the error, with status "failed", for an editor to look at.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from newsdesk.content.text import clean_text, sanitize_html, storable_raw
from newsdesk.wire.models import ItemStatus, Rule, WireItem
from newsdesk.wire.services import coverage, dedupe

FIELD_LIMITS = {"headline": 500, "author": 300, "language": 16, "guid": 500}
# Addresses the desk shows as links: only web addresses, never javascript: or data:.
URL_FIELDS = ("link", "image_url")


def web_url(value: str) -> str:
    value = (value or "").strip()
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return ""
    return value[:1000] if scheme in ("http", "https") else ""


def failure_guid(raw: str) -> str:
    """Identical broken payloads are stored once, not on every poll."""
    return "failed:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def clean_fields(fields: dict) -> dict:
    """The parsed fields with control characters dropped from every string."""
    return {
        name: clean_text(value) if isinstance(value, str) else value
        for name, value in fields.items()
    }


def known_guids(source, guids) -> set[str]:
    return set(
        WireItem.objects.filter(source=source, guid__in=list(guids)).values_list("guid", flat=True)
    )


def _prepared(*, kind, raw, source=None, feed=None, error="", **fields) -> WireItem:
    """The unsaved item: control characters (NUL, which PostgreSQL cannot store, among
    them) dropped from the fields, NUL replaced in the raw payload, the body sanitized."""
    raw, error = storable_raw(raw), clean_text(error)
    fields = clean_fields(fields)
    fields["body"] = sanitize_html(fields.get("body") or "")
    for name in URL_FIELDS:
        if name in fields:
            fields[name] = web_url(fields[name])
    for name, limit in FIELD_LIMITS.items():
        if fields.get(name):
            fields[name] = str(fields[name])[:limit]
    if error and not fields.get("guid"):
        fields["guid"] = failure_guid(raw)
    item = WireItem(
        kind=kind,
        raw=raw,
        source=source,
        feed=feed,
        error=error,
        status=ItemStatus.FAILED if error else ItemStatus.NEW,
        **fields,
    )
    if not error:
        # Computed before the insert, so the item is written once.
        item.shingle_hashes = dedupe.shingle_hashes(dedupe.text_of(item)).tobytes()
    return item


def store_item(*, checked=False, **fields) -> WireItem | None:
    """Create a wire item unless this source already sent this GUID; returns None then.
    `checked`: the caller already looked the GUIDs up in bulk."""
    item = _prepared(**fields)
    if (
        item.guid
        and item.source is not None
        and not checked
        and WireItem.objects.filter(source=item.source, guid=item.guid).exists()
    ):
        return None
    try:
        with transaction.atomic():
            item.save(force_insert=True)
    except IntegrityError:
        return None  # another worker stored the same GUID a moment ago
    _after_storing([item])
    return item


def store_items(batch: list[dict]) -> list[WireItem | None]:
    """store_item(checked=True, **fields) for each of `batch` (one feed document's new
    entries), written in one INSERT. If another worker stored one of the GUIDs meanwhile,
    the batch falls back to one savepoint per item, so only that item is left out."""
    items = [_prepared(**fields) for fields in batch]
    try:
        with transaction.atomic():
            WireItem.objects.bulk_create(items)
    except IntegrityError:
        return [store_item(checked=True, **fields) for fields in batch]
    _after_storing(items)
    return items


def _after_storing(items: list[WireItem]) -> None:
    copy = [item for item in items if not item.error]
    dedupe.index_items(copy)
    coverage.add_items(copy)
    for item in copy:
        wire = getattr(item.source, "wire", None) if item.source is not None else None
        if wire is not None and wire.rule == Rule.DRAFT:
            _draft_automatically(item)


def _draft_automatically(item: WireItem) -> None:
    """The "create drafts automatically" rule, in its own savepoint: a draft that cannot
    be made leaves the item in the queue with the reason, and never takes the rest of the
    document with it."""
    from newsdesk.wire.services.queue import accept

    try:
        with transaction.atomic():
            accept(item, user=None)
    except (DatabaseError, ValidationError) as exc:
        note = f"no draft could be made automatically: {exc}"
        WireItem.objects.filter(pk=item.pk).update(error=note)
        item.error = note
