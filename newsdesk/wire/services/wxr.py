"""WordPress WXR (1.0-1.2) import, streamed with lxml iterparse so memory stays bounded
whatever the export's size.

Safety: a DOCTYPE (where entities would be declared) is refused outright, and the parser
runs with resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False.
Consistency: each post is imported in its own transaction, and every object made is
recorded (ImportRecord), so an error mid-file leaves whole posts only and a re-run
(the same file, or a fixed one) carries on without duplicates.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from lxml import etree

from newsdesk.content import changes
from newsdesk.content.models import Story
from newsdesk.content.services import upkeep
from newsdesk.content.services.media import MediaNotSaved
from newsdesk.content.text import clean_text
from newsdesk.wire.services.wxr_records import PROTECTED_HELD, Records, Skip, plain

HEADER_BYTES = 64 * 1024
READ_BYTES = 64 * 1024
# Every namespace WordPress has written: WXR 1.0 to 1.2, over http, and over https as
# WordPress.com and current exporters write it. Single quotes are as valid XML as double.
WP_NAMESPACE = re.compile(
    rb"""xmlns:wp\s*=\s*["'](https?://wordpress\.org/export/([^/"']*)/)["']"""
)
KNOWN_VERSIONS = {b"1.0", b"1.1", b"1.2"}
EXCERPT_NAMESPACE = re.compile(r"https?://wordpress\.org/export/1\.[0-2]/excerpt/")
ANNOUNCE_BATCH = 500
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
IMPORTED_TYPES = {"post", "page"}


# XML 1.0 forbids C0 control characters, raw or as character references, yet WordPress
# exports carry them (pasted from word processors). They are dropped from the byte stream
# before lxml sees it (in UTF-8 these bytes never occur inside a multi-byte character), so
# a stray NUL costs nothing instead of stopping the import at that line.
_C0_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
_C0_REFERENCE = re.compile(
    rb"&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));"
)
_LONGEST_REFERENCE = 12


_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
_STRAY_BYTES = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8 (surrogateescape)


class ControlCharacterFilter:
    """A binary file read through with C0 controls (and references to them) removed and,
    in a UTF-8 file, bytes that are not UTF-8 read as Windows-1252, where they nearly always
    come from (a Latin-1 "é" pasted into a post), counted in `.replaced`: one stray byte
    must not stop a 100,000-post import at its line."""

    def __init__(self, handle, utf8: bool = True):
        self.handle, self.carry, self.replaced = handle, b"", 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape") if utf8 else None

    def tell(self):
        return self.handle.tell()

    def _repaired(self, chunk: bytes) -> bytes:
        if self.decoder is None:
            return chunk
        text = self.decoder.decode(chunk, final=not chunk)
        if _STRAY_BYTES.search(text):
            text = _STRAY_BYTES.sub(self._as_windows_1252, text)
        return text.encode()

    def _as_windows_1252(self, match: re.Match) -> str:
        self.replaced += len(match.group())
        return bytes(ord(c) - 0xDC00 for c in match.group()).decode("cp1252", "replace")

    def read(self, size=-1):
        while True:
            chunk = self.handle.read(size)
            data, self.carry = self.carry + self._repaired(chunk), b""
            if chunk and size and size > 0:
                # A reference cut in two by the chunk boundary waits for the next read.
                amp = data.rfind(b"&", max(0, len(data) - _LONGEST_REFERENCE))
                if amp != -1 and b";" not in data[amp:]:
                    data, self.carry = data[:amp], data[amp:]
            cleaned = _C0_REFERENCE.sub(b"", data.translate(None, _C0_BYTES))
            if cleaned or not chunk:  # an empty answer would mean the end of the file
                return cleaned


def _is_utf8(path: Path) -> bool:
    with path.open("rb") as handle:
        declared = _XML_ENCODING.search(handle.read(200))
    return declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8")


class WXRError(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


@dataclass
class Report:
    """Every record of the file lands in `counts`; what was not imported as it stood in
    WordPress is also listed, with the reason, in `skipped` or `held`."""

    counts: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, id, title, why
    # Imported, but not as it was: off the public site, or a picture kept as its URL.
    held: list[tuple[str, str, str, str]] = field(default_factory=list)
    version: str = ""

    def skip(self, kind, foreign_id, title, reason):
        self.counts[f"{kind}s skipped"] += 1
        self.skipped.append((kind, str(foreign_id), title, reason))

    def hold(self, kind, foreign_id, title, reason):
        self.held.append((kind, str(foreign_id), title, reason))


def _announce(story_ids: list[int]) -> int:
    """A published change for each story the run made live, a batch per transaction: the
    change pipeline's subscribers (webhooks, audit, search, page cache) hear an import as
    they hear a publish."""
    for start in range(0, len(story_ids), ANNOUNCE_BATCH):
        with transaction.atomic():
            for story in Story.objects.filter(pk__in=story_ids[start : start + ANNOUNCE_BATCH]):
                changes.story_changed(changes.PUBLISHED, story, was_live=False)
    return len(story_ids)


def _key(tag: str, wp: str) -> str:
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if namespace == wp:
        return local
    if EXCERPT_NAMESPACE.fullmatch(namespace):
        return "excerpt"
    prefix = PREFIXES.get(namespace)
    return local if prefix == "dc" else (f"{prefix}_{local}" if prefix else local)


def _text(element) -> str:
    # DEL and the C1 controls are valid XML but no text; the stream filter took the rest.
    return clean_text(element.text or "")


def _fields(element, wp: str) -> dict:
    return {_key(child.tag, wp): _text(child).strip() for child in element}


def parse_item(element, wp: str) -> dict:
    post = {"terms": [], "comments": [], "meta": {}}
    for child in element:
        key = _key(child.tag, wp)
        if key == "category":
            post["terms"].append(
                (child.get("domain", ""), child.get("nicename", ""), _text(child).strip())
            )
        elif key == "postmeta":
            meta = _fields(child, wp)
            post["meta"][meta.get("meta_key", "")] = meta.get("meta_value", "")
        elif key == "comment":
            post["comments"].append(_fields(child, wp))
        elif key == "content_encoded":
            post["content"] = _text(child)
        else:
            post[key] = _text(child).strip()
    return post


def _check_header(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    if re.search(rb"<!DOCTYPE|<!ENTITY", head, re.I):
        raise WXRError("the file declares a DOCTYPE or entities; refused (entity expansion)")
    found = WP_NAMESPACE.search(head)
    if not found:
        raise WXRError("not a WordPress export: no WXR 1.0-1.2 namespace (xmlns:wp) found")
    if found.group(2) not in KNOWN_VERSIONS:
        version = found.group(2).decode(errors="replace")
        raise WXRError(f"WXR version {version!r} is not one this importer reads (1.0-1.2)")
    return found.group(1).decode()


def import_wxr(
    path, *, download: bool = True, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Import one export file. Raises WXRError (with .line and the report so far in
    .report) for a file that is not a safe, well-formed WXR."""
    path = Path(path)
    wp = _check_header(path)
    report = Report(version=wp.rstrip("/").rsplit("/", 1)[-1])
    records = Records(origin="wxr", download=download)
    total = path.stat().st_size
    # Page counts and page-cache purges once at the end, not after every post.
    with upkeep.deferred():
        try:
            replaced = _read_items(path, wp, records, report, progress)
        finally:
            # Whatever was imported, up to an error too, is told to listeners.
            report.counts["stories announced as published"] = _announce(records.live_ids)
        if replaced:
            report.counts["bytes that were not UTF-8, read as Windows-1252"] = replaced
        report.counts["featured images linked"] = records.link_featured_images()
    if progress:
        progress(total, total)
    return report


def _read_items(path: Path, wp: str, records: Records, report: Report, progress) -> int:
    """Import every element of the file in order; returns how many stray bytes were read
    as Windows-1252."""
    total = path.stat().st_size
    tags = [
        "item",
        f"{{{wp}}}category",
        f"{{{wp}}}tag",
        f"{{{wp}}}author",
        f"{{{wp}}}base_blog_url",
        f"{{{wp}}}term",
    ]
    with path.open("rb") as handle:
        stream = ControlCharacterFilter(handle, utf8=_is_utf8(path))
        # A pull parser fed by hand rather than iterparse: when a chunk holds a syntax
        # error, the elements completed before it in that chunk are still handed out
        # (read_events after the failed feed), so every whole post before the error is
        # kept. iterparse drops them with newer libxml2 (lxml 6.2).
        parser = etree.XMLPullParser(
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            remove_comments=False,
        )
        try:
            while True:
                chunk = stream.read(READ_BYTES)
                try:
                    if chunk:
                        parser.feed(chunk)
                    else:
                        parser.close()
                finally:
                    _handle_events(parser, wp, records, report)
                if progress:
                    progress(handle.tell(), total)
                if not chunk:
                    break
        except etree.XMLSyntaxError as exc:
            error = WXRError(f"malformed XML at line {exc.lineno}: {exc.msg}", line=exc.lineno)
            error.report = report
            raise error from exc
        except MediaNotSaved as exc:
            # Every later attachment would fail the same way: stop with what was done.
            error = WXRError(f"{exc} (while downloading attachments)")
            error.report = report
            raise error from exc
    return stream.replaced


def _handle_events(parser, wp, records: Records, report: Report):
    for _event, element in parser.read_events():
        if element.getparent() is None or element.getparent().tag != "channel":
            continue  # a category inside an item: read with its item
        _handle(element, wp, records, report)
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]


def _handle(element, wp, records: Records, report: Report):
    key = _key(element.tag, wp)
    if key == "base_blog_url":
        records.origin = f"wxr:{(element.text or '').strip().rstrip('/')}"[:200]
    elif key == "author":
        data = _fields(element, wp)
        with transaction.atomic():
            records.person(data.get("author_login", ""), data.get("author_display_name", ""))
        report.counts["authors"] += 1
    elif key == "category":
        data = _fields(element, wp)
        with transaction.atomic():
            records.section(
                data.get("category_nicename", ""),
                data.get("cat_name", ""),
                data.get("category_parent", ""),
            )
        report.counts["categories"] += 1
    elif key == "tag":
        data = _fields(element, wp)
        with transaction.atomic():
            records.tag(data.get("tag_slug", ""), data.get("tag_name", ""))
        report.counts["tags"] += 1
    elif key == "term":
        data = _fields(element, wp)
        taxonomy, slug, name = (
            data.get(k, "") for k in ("term_taxonomy", "term_slug", "term_name")
        )
        with transaction.atomic():
            # Other exporters write categories and tags as generic terms too.
            if taxonomy == "category":
                records.section(slug, name, data.get("term_parent", ""))
                report.counts["categories"] += 1
                return
            if taxonomy == "post_tag":
                records.tag(slug, name)
                report.counts["tags"] += 1
                return
        what = "navigation menus are" if taxonomy == "nav_menu" else f"{taxonomy!r} terms are"
        report.skip("term", slug, plain(name), f"{what} not imported")
    elif key == "item":
        _item(parse_item(element, wp), records, report)


def _item(post: dict, records: Records, report: Report):
    kind = post.get("post_type", "post")
    foreign_id = post.get("post_id", "?")
    if kind == "attachment":
        with transaction.atomic():
            outcome, why = records.attachment(post)
        report.counts[f"attachments {outcome}"] += 1
        if why and records.download:
            report.hold(kind, foreign_id, plain(post.get("title", "")), f"kept as URL: {why}")
        return
    if kind not in IMPORTED_TYPES:
        why = f"post type {kind!r} is not imported"
        if kind == "nav_menu_item":
            why = "navigation menu items are not imported"
        _skip_item(post, report, kind, why)
        return
    try:
        with transaction.atomic():
            outcome, story = records.post(post)
    except Skip as reason:
        _skip_item(post, report, kind, str(reason))
        return
    report.counts[f"{kind}s {outcome}"] += 1
    comments = len(post["comments"])
    if comments:
        report.counts[f"comments {outcome}"] += comments
    if story is not None and post.get("post_password") and story.status == "unpublished":
        report.hold(kind, foreign_id, story.headline, PROTECTED_HELD)
    for domain, _slug, _name in post["terms"]:
        if domain not in ("category", "post_tag"):
            report.counts[f"{domain!r} terms on posts, not imported"] += 1


def _skip_item(post: dict, report: Report, kind: str, why: str):
    report.skip(kind, post.get("post_id", "?"), plain(post.get("title", "")), why)
    if post["comments"]:
        report.counts["comments skipped with their post"] += len(post["comments"])
