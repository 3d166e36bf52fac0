"""Storing incoming copy as wire items: one path for every importer (feeds, pages, ninjs).

Nothing is dropped silently: an item whose parsing failed is stored with its raw payload
and the error, with status "failed", for an editor to look at.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction

from newsdesk.content.text import clean_text, sanitize_html, storable_raw
from newsdesk.wire.models import ItemStatus, Rule, WireItem
from newsdesk.wire.services import dedupe

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


def store_item(
    *, kind, raw, source=None, feed=None, error="", checked=False, **fields
) -> WireItem | None:
    """Create a wire item unless this source already sent this GUID; returns None then.
    `checked`: the caller already looked the GUIDs up in bulk (feed polling).
    Every importer's text passes here: control characters (NUL, which PostgreSQL cannot
    store, among them) are dropped from the fields, and NUL replaced in the raw payload."""
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
    guid = fields.get("guid", "")
    if (
        guid
        and source is not None
        and not checked
        and WireItem.objects.filter(source=source, guid=guid).exists()
    ):
        return None
    if not error:
        # Computed before the insert, so the item is written once.
        fields["shingle_hashes"] = dedupe.shingle_hashes(
            dedupe.text_of(WireItem(body=fields["body"], summary=fields.get("summary", "")))
        ).tobytes()
    try:
        with transaction.atomic():
            item = WireItem.objects.create(
                kind=kind,
                raw=raw,
                source=source,
                feed=feed,
                error=error,
                status=ItemStatus.FAILED if error else ItemStatus.NEW,
                **fields,
            )
    except IntegrityError:
        return None  # another worker stored the same GUID a moment ago
    if not error:
        dedupe.index_item(item)
        wire = getattr(source, "wire", None) if source is not None else None
        if wire is not None and wire.rule == Rule.DRAFT:
            from newsdesk.wire.services.queue import accept

            accept(item, user=None)
    return item
