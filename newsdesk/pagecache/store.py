"""The page cache on disk: one file per anonymous page, laid out so that a front server
(deploy/nginx) can serve it without entering Python, plus an index for exact purges.

    <root>/blog/page/2/index.html        the page, as the reader gets it
    <root>/_meta/<digest>                its Surrogate-Key header
    <root>/_keys/<key>/<digest>.<token>      "this page carries <key>" (content: its path)
    <root>/_lists/<list>/<n>-<digest>.<token> "this page is page <n> of <list>"
    <root>/_generation                   grows by a byte on every purge (see `write`)
    <root>/_due                          when cached pages must go (next scheduled story)
    <root>/_locks/<digest>               the page's render lock (stampede.py); kept by purges

Every write and purge is a file operation on one filesystem, so all workers share one cache
with no server process. Purges and writes are safe against each other:
- a page rendered while a purge ran is detected by the generation check and dropped;
- every write makes index entries of its own (a fresh token in the name), and a purge
  deletes only the entries it listed: an entry a writer made meanwhile is never deleted
  by a purge that did not see it, so the page it points to stays purgeable;
- files are written under a temporary name unique to the writer (process and thread) and
  renamed into place; purges leave temporary files alone.
"""

import hashlib
import os
import secrets
from datetime import datetime
from pathlib import Path

from django.conf import settings

from newsdesk.pagecache import peers

# What a cached file's extension says its Content-Type is (the nginx config maps the same).
EXTENSIONS = {
    "text/html": "html",
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/xml": "xml",
    "text/xml": "xml",
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
}


def root() -> Path:
    return Path(settings.NEWSDESK_PAGE_CACHE_DIR)


def enabled() -> bool:
    return bool(settings.NEWSDESK_PAGE_CACHE)


def digest(path: str) -> str:
    return hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()


def safe_path(path: str) -> bool:
    """Only plain directory-style paths map to files: no dots segments, no underscores root."""
    if not path.startswith("/") or not path.endswith("/") or "\x00" in path:
        return False
    parts = [p for p in path.split("/") if p]
    return all(p not in (".", "..") and not p.startswith(".") for p in parts) and (
        not parts or not parts[0].startswith("_")
    )


def page_file(path: str, extension: str) -> Path:
    return root() / path.strip("/") / f"index.{extension}"


def find(path: str) -> Path | None:
    for extension in CONTENT_TYPES:
        candidate = page_file(path, extension)
        if candidate.is_file():
            return candidate
    return None


def surrogate_keys(path: str) -> str:
    try:
        return (root() / "_meta" / digest(path)).read_text()
    except OSError:
        return ""


def generation() -> int:
    try:
        return (root() / "_generation").stat().st_size
    except OSError:
        return 0


def content_version() -> str | None:
    """A name for the cached content's present state, changed by every purge: caches other
    than these files (the sitemaps') put it in their keys, so a purge reaches them too.
    None when the page cache is off. The generation counts purges on this host; the
    cache's own id keeps two hosts' counts apart in a cache they share (Redis)."""
    if not enabled():
        return None
    return f"{_cache_id(root())}.{generation()}"


_cache_ids: dict[Path, str] = {}


def _cache_id(base: Path) -> str:
    if base not in _cache_ids:
        base.mkdir(parents=True, exist_ok=True)
        try:  # the first process to get here names the cache; the others read its name
            fd = os.open(base / "_id", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            _cache_ids[base] = (base / "_id").read_text()
        else:
            name = secrets.token_hex(8)
            with os.fdopen(fd, "w") as file:
                file.write(name)
            _cache_ids[base] = name
    return _cache_ids[base]


def _bump_generation() -> None:
    root().mkdir(parents=True, exist_ok=True)
    # O_APPEND writes are atomic: every purge makes the file one byte longer, in every worker.
    fd = os.open(root() / "_generation", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, b".")
    finally:
        os.close(fd)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _is_temporary(name: str) -> bool:
    return name.startswith(".")


def write(path, content_type, body, keys, listing, started_generation) -> Path | None:
    """Store a page rendered after `started_generation` was read; None if a purge raced it.

    Index entries are written before the page, and the generation is checked after it:
    either a concurrent purge sees the entries and deletes the page, or this writer sees
    the purge's generation bump and deletes the page itself.
    """
    extension = EXTENSIONS.get(content_type.split(";")[0].strip())
    if extension is None or not safe_path(path):
        return None
    name = digest(path)
    entry = f"{name}.{secrets.token_hex(6)}"  # this write's own entries
    for key in keys:
        _write_atomic(root() / "_keys" / key / entry, path.encode())
    if listing:
        list_key, number = listing
        _write_atomic(root() / "_lists" / list_key / f"{number}-{entry}", path.encode())
    _write_atomic(root() / "_meta" / name, " ".join(sorted(keys)).encode())
    target = page_file(path, extension)
    _write_atomic(target, body)
    _mark_cacheable(path)
    if generation() != started_generation:
        _drop_page(path)
        return None
    return target


def lock_file(path: str) -> Path:
    """The page's render lock (pagecache/stampede.py); it exists once the page was cached."""
    return root() / "_locks" / digest(path)


def _mark_cacheable(path: str) -> None:
    lock = lock_file(path)
    if not lock.exists():
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.touch()


def _drop_page(path: str) -> None:
    for extension in CONTENT_TYPES:
        page_file(path, extension).unlink(missing_ok=True)


def _entries(folder: Path) -> list[Path]:
    """The index entries in `folder` now (not writers' temporary files)."""
    try:
        return [entry for entry in folder.iterdir() if not _is_temporary(entry.name)]
    except FileNotFoundError:
        return []


def _drop_entries(entries) -> int:
    """Drop the pages these entries point to, then these entries, and no others."""
    dropped = 0
    for entry in entries:
        try:
            path = entry.read_text()
        except OSError:
            continue
        if safe_path(path):
            _drop_page(path)
            dropped += 1
        entry.unlink(missing_ok=True)
    return dropped


def purge_keys(keys) -> int:
    """Delete every cached page that carries one of `keys` (here and, see peers, on the
    other web hosts)."""
    keys = list(keys)
    peers.publish("keys", keys)
    _bump_generation()
    dropped = 0
    for key in keys:
        dropped += _drop_entries(_entries(root() / "_keys" / key))
    return dropped


def purge_list_from(list_key: str, first_page: int) -> int:
    """Delete cached pages `first_page`, `first_page + 1`, … of a story list."""
    peers.publish("list", list_key, first_page)
    _bump_generation()
    entries = _entries(root() / "_lists" / list_key)
    return _drop_entries([e for e in entries if int(e.name.split("-")[0]) >= first_page])


def purge_all() -> None:
    """Delete every cached page (a new day's date line, a changed navigation)."""
    peers.publish("all")
    _bump_generation()
    base = root()
    if not base.is_dir():
        return
    for directory, _, files in os.walk(base):
        for name in files:
            if _is_temporary(name):
                continue  # a writer's file on its way in: its generation check drops it
            if directory == str(base / "_locks"):
                continue  # which pages render once after a purge (see stampede)
            if name.startswith("index.") or directory.startswith(str(base / "_")):
                Path(directory, name).unlink(missing_ok=True)


def due() -> datetime | None:
    try:
        return datetime.fromisoformat((root() / "_due").read_text())
    except (OSError, ValueError):
        return None


def set_due(moment: datetime) -> None:
    _write_atomic(root() / "_due", moment.isoformat().encode())
