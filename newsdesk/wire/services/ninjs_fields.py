"""The fields of an IPTC ninjs document, whichever version wrote it.

- 1.x names fields singly and by pattern: `headline`, `headline_main`, `body_html`,
  `body_richtext`, `body_text`, `description_text`, `byline`; renditions and associations
  are objects keyed by name.
- 2.x uses lists of objects: `headlines`, `bodies` (`contenttype`), `descriptions`, `by`;
  renditions and associations are lists.
- 3.x is 2.x in camelCase: `versionCreated`, `contentType`, `pubStatus`…

Every value is checked for its type: a document may put a list where a string belongs (a
rendition `href` as a list), and that is read as missing, never as a crash.
"""

from __future__ import annotations

import re
from html import escape

from django.utils.dateparse import parse_datetime

HTML_SUFFIXES = ("html", "richtext", "xml")
_TAG = re.compile(r"<[a-zA-Z][^>]*>")


class NinjsError(ValueError):
    pass


def text(value) -> str:
    """A string field's value, or "" when the document put something else there."""
    return value if isinstance(value, str) else ""


def get(document: dict, name: str):
    """`name` in 1.x/2.x spelling (all lower case) or its 3.x camelCase spelling."""
    if name in document:
        return document[name]
    for key, value in document.items():
        if isinstance(key, str) and key.lower() == name:
            return value
    return None


def _objects(values) -> list[dict]:
    if isinstance(values, dict):  # 1.x: keyed by name
        return [dict(v, name=v.get("name", k)) for k, v in values.items() if isinstance(v, dict)]
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def _first(values, prefer: str = "") -> dict:
    chosen = _objects(values)
    preferred = [v for v in chosen if text(v.get("role")) == prefer]
    return (preferred or chosen or [{}])[0]


def paragraphs(plain: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in plain.split("\n\n") if p.strip())


def _as_html(value: str, is_html: bool | None) -> str:
    if is_html is None:  # a 1.x `body_main`: the name does not say; the text does
        is_html = bool(_TAG.search(value))
    return value if is_html else paragraphs(value)


def _pattern(document: dict, prefix: str) -> list[tuple[str, str]]:
    """1.x pattern fields (`body_html`, `headline_main`…) as (suffix, value)."""
    return [
        (key[len(prefix) :].lower(), value)
        for key, value in document.items()
        if isinstance(key, str) and key.startswith(prefix) and isinstance(value, str) and value
    ]


def headline(document: dict) -> str:
    listed = text(_first(get(document, "headlines"), "main").get("value"))
    if listed or text(document.get("headline")):
        return listed or text(document.get("headline"))
    named = dict(_pattern(document, "headline_"))
    return named.get("main") or next(iter(named.values()), "") or text(document.get("title"))


def body(document: dict) -> str:
    bodies = _objects(get(document, "bodies"))
    html = [b for b in bodies if "html" in text(get(b, "contenttype"))]
    chosen = next(iter(html), None) or _first(bodies, "main")
    if text(chosen.get("value")):
        return _as_html(text(chosen["value"]), "html" in text(get(chosen, "contenttype")))
    named = _pattern(document, "body_")
    for suffix, value in sorted(named, key=lambda pair: not pair[0].endswith(HTML_SUFFIXES)):
        if suffix.endswith(HTML_SUFFIXES):
            return value
        return _as_html(value, False if "text" in suffix else None)
    return ""


def description(document: dict, role: str = "summary") -> str:
    listed = text(_first(get(document, "descriptions"), role).get("value"))
    if listed:
        return listed
    named = dict(_pattern(document, "description_"))
    return named.get("text") or named.get("html") or next(iter(named.values()), "")


def byline(document: dict) -> str:
    by = get(document, "by")
    if isinstance(by, list):  # an early 2.0 draft wrote a list of people
        return ", ".join(text(b.get("name")) for b in by if isinstance(b, dict) and b.get("name"))
    return text(by) or text(document.get("byline"))


def when(document: dict):
    for name in ("versioncreated", "firstcreated", "contentcreated"):
        value = text(get(document, name))
        try:
            parsed = parse_datetime(value) if value else None
        except ValueError:
            parsed = None
        if parsed:
            return parsed
    return None


def renditions(document: dict) -> list[dict]:
    """The renditions that can be fetched, largest first: {href, width, height, type}."""
    found = []
    for rendition in _objects(get(document, "renditions")):
        href = text(rendition.get("href"))
        if href.lower().startswith(("http://", "https://")):
            width, height = rendition.get("width"), rendition.get("height")
            area = width * height if isinstance(width, int) and isinstance(height, int) else 0
            kind = text(get(rendition, "mimetype")) or text(get(rendition, "contenttype"))
            found.append({"href": href, "area": area, "type": kind})
    return sorted(found, key=lambda r: -r["area"])


def associated_image(document: dict) -> str:
    for association in _objects(get(document, "associations")):
        if text(association.get("type")) not in ("picture", "image", "graphic", ""):
            continue
        for rendition in renditions(association):
            return rendition["href"]
        uri = text(association.get("uri"))
        if uri.lower().startswith(("http://", "https://")) and association.get("type"):
            return uri
    return ""


def link(document: dict) -> str:
    for name in ("link", "uri"):
        value = text(document.get(name))
        if value.lower().startswith(("http://", "https://")):
            return value
    return ""
