"""IPTC ninjs 1.x and 2.x JSON → wire items.

1.x names fields singly (headline, body_html, byline, description_text); 2.x uses lists of
objects (headlines, bodies, by, descriptions). Both may carry associations with images.
A document that is not valid ninjs is stored with its error, never dropped.
"""

from __future__ import annotations

import json
from html import escape

from django.utils.dateparse import parse_datetime

from newsdesk.wire.models import ItemKind, WireItem
from newsdesk.wire.services.ingest import store_item


class NinjsError(ValueError):
    pass


def _first(values, key="value", prefer=None):
    if not isinstance(values, list):
        return ""
    chosen = [v for v in values if isinstance(v, dict) and (not prefer or v.get("role") == prefer)]
    chosen = chosen or [v for v in values if isinstance(v, dict)]
    return str(chosen[0].get(key, "")) if chosen else ""


def _body_v2(bodies) -> str:
    if not isinstance(bodies, list):
        return ""
    for body in bodies:
        if isinstance(body, dict) and "html" in str(body.get("contenttype", "")):
            return str(body.get("value", ""))
    text = _first(bodies)
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def _image(associations) -> str:
    values = associations.values() if isinstance(associations, dict) else associations or []
    for assoc in values:
        if not isinstance(assoc, dict) or assoc.get("type") not in ("picture", "image", None):
            continue
        renditions = assoc.get("renditions") or {}
        if isinstance(renditions, dict):
            renditions = list(renditions.values())
        for rendition in renditions:
            if isinstance(rendition, dict) and rendition.get("href"):
                return rendition["href"]
        if assoc.get("uri", "").startswith("http") and assoc.get("type") in ("picture", "image"):
            return assoc["uri"]
    return ""


def parse(document: dict) -> dict:
    if not isinstance(document, dict):
        raise NinjsError("a ninjs document is a JSON object")
    if not document.get("uri"):
        raise NinjsError("a ninjs document needs a 'uri'")
    version2 = (
        "headlines" in document
        or "bodies" in document
        or "by" in document
        and isinstance(document.get("by"), list)
    )
    if version2:
        headline = _first(document.get("headlines"), prefer="main")
        body = _body_v2(document.get("bodies"))
        summary = _first(document.get("descriptions"))
        author = ", ".join(
            str(b.get("name", "")) for b in document.get("by") or [] if isinstance(b, dict)
        )
    else:
        headline = str(document.get("headline", ""))
        body = str(document.get("body_html") or "")
        if not body and document.get("body_text"):
            paragraphs = str(document["body_text"]).split("\n\n")
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())
        summary = str(document.get("description_text") or document.get("description_html") or "")
        author = str(document.get("byline", ""))
    if not headline and not body:
        raise NinjsError("the document has neither a headline nor a body")
    when = parse_datetime(str(document.get("versioncreated") or document.get("firstcreated") or ""))
    return {
        "guid": str(document["uri"]),
        "link": next(
            (
                str(document[k])
                for k in ("link", "uri")
                if str(document.get(k, "")).startswith("http")
            ),
            "",
        )[:1000],
        "headline": headline,
        "body": body,
        "summary": summary,
        "author": author,
        "language": str(document.get("language", ""))[:16],
        "image_url": _image(document.get("associations"))[:1000],
        "published_at": when,
    }


def import_ninjs(payload: bytes | str, source=None) -> WireItem | None:
    """Store one ninjs document; returns the item (None if this source already sent it)."""
    raw = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
    try:
        fields = parse(json.loads(raw))
    except (json.JSONDecodeError, NinjsError, TypeError, ValueError) as exc:
        return store_item(kind=ItemKind.NINJS, raw=raw, source=source, error=f"not ninjs: {exc}")
    return store_item(kind=ItemKind.NINJS, raw=raw, source=source, **fields)
