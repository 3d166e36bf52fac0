"""IPTC ninjs documents (1.x, 2.x, 3.x) → the wire queue and the media library.

Text items become wire items; picture items (an agency photo with its caption and credit,
often no headline or body) are added to the media library, the wire item pointing to the
picture; other types (audio, video, event, planning…) are kept and reported as not
handled. Whatever happens the document is stored, whole, for the desk to see.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.wire.models import ItemKind, ItemStatus, WireItem
from newsdesk.wire.services import ninjs_fields as f
from newsdesk.wire.services.ingest import store_item
from newsdesk.wire.services.ninjs_fields import NinjsError
from newsdesk.wire.services.pictures import PictureNotFetched, store_picture

TEXT_TYPES = ("text", "composite")
PICTURE_TYPES = ("picture", "graphic")
_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = ["NinjsError", "import_ninjs", "parse", "read_json"]


def read_json(raw: str):
    try:
        return json.loads(raw)
    except RecursionError:
        raise NinjsError(
            "the JSON nests too deeply to be read (a ninjs item nests a few levels)"
        ) from None
    except json.JSONDecodeError as exc:
        raise NinjsError(f"not JSON: {exc}") from None


def _kind(document: dict, headline: str, body: str) -> str:
    declared = f.text(document.get("type")).lower()
    if declared in PICTURE_TYPES or (
        not declared and not (headline or body) and f.renditions(document)
    ):
        return "picture"
    return declared or "text"


def parse(document) -> dict:
    """The wire item's fields, plus `kind` (text, picture or the type not handled)."""
    if not isinstance(document, dict):
        raise NinjsError("a ninjs document is a JSON object")
    if not f.text(document.get("uri")):
        raise NinjsError("a ninjs document needs a 'uri' (a string)")
    headline, body = f.headline(document), f.body(document)
    kind = _kind(document, headline, body)
    caption = f.description(document, "caption") if kind == "picture" else ""
    fields = {
        "guid": document["uri"],
        "link": f.link(document)[:1000],
        "headline": headline,
        "body": body,
        "summary": caption or f.description(document),
        "author": f.byline(document) or f.text(f.get(document, "copyrightholder")),
        "language": f.text(document.get("language"))[:16],
        "image_url": (
            next(iter(f.renditions(document)), {}).get("href", "")
            if kind == "picture"
            else f.associated_image(document)
        )[:1000],
        "published_at": f.when(document),
    }
    for name, value in fields.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raise NinjsError(
                f"'{name}' holds a lone surrogate (an escape like \\ud800 that is half of a "
                "character): it is not text"
            )
    if kind in TEXT_TYPES and not headline and not body:
        raise NinjsError("the document has neither a headline nor a body")
    return {"kind": kind, **fields}


def import_ninjs(payload: bytes | str, source=None, user=None) -> WireItem | None:
    """Store one ninjs document; returns the item (None if this source already sent it).
    `user`: who sent it; a picture goes to the media library in their name."""
    raw = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
    try:
        document = read_json(raw)
        fields = parse(document)
    except NinjsError as exc:
        return store_item(kind=ItemKind.NINJS, raw=raw, source=source, error=f"not ninjs: {exc}")
    kind = fields.pop("kind")
    if kind not in TEXT_TYPES + ("picture",):
        note = f"not handled: ninjs items of type {kind[:40]!r} are kept, not imported"
        return store_item(kind=ItemKind.NINJS, raw=raw, source=source, error=note, **fields)
    item = store_item(kind=ItemKind.NINJS, raw=raw, source=source, **fields)
    if item is not None and kind == "picture":
        _to_media_library(item, f.renditions(document), user)
    return item


def _to_media_library(item: WireItem, renditions: list[dict], user) -> None:
    """The largest picture rendition, fetched safely, as a media library picture with the
    item's caption and credit. What fails is noted on the item, which stays in the queue."""
    try:
        image = store_picture(item, renditions, user)
    except (PictureNotFetched, ValidationError, PermissionDenied) as exc:
        item.error = f"the picture was not added to the media library: {exc}"
        WireItem.objects.filter(pk=item.pk).update(error=item.error)
        return
    item.image, item.status = image, ItemStatus.ACCEPTED
    WireItem.objects.filter(pk=item.pk).update(image=image, status=item.status)
