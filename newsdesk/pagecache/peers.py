"""Exact purges across several web hosts, each with its own page cache on its own disk.

Every purge a host makes is also appended to a Redis stream; `newsdesk pagecache-follow`,
run beside the web server on every host (deploy/systemd), applies the other hosts' purges
to its own files as they arrive, so nginx on each host stops serving a page within
milliseconds of the change. A follower that starts (or restarts after missing purges)
first empties its host's cache, then follows from there: nothing stale survives a gap.

Off unless NEWSDESK_PAGE_CACHE_PEERS names a Redis server (one host needs none of this).
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from functools import cache

from django.conf import settings

STREAM = "newsdesk:pagecache:purges"
KEEP = 10_000  # stream entries kept: a follower more than this far behind starts over
log = logging.getLogger(__name__)
_applying = threading.local()


def enabled() -> bool:
    return bool(settings.NEWSDESK_PAGE_CACHE_PEERS)


@cache
def _client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def client():
    return _client(settings.NEWSDESK_PAGE_CACHE_PEERS)


def origin() -> str:
    """This host's cache: its own purges need not come back to it."""
    return f"{socket.gethostname()}:{settings.NEWSDESK_PAGE_CACHE_DIR}"


def publish(operation: str, *arguments) -> None:
    if not enabled() or getattr(_applying, "active", False):
        return
    entry = {"op": operation, "args": json.dumps(arguments), "origin": origin()}
    try:
        client().xadd(STREAM, entry, maxlen=KEEP, approximate=True)
    except Exception:  # the local purge is done; the other hosts' followers start over
        log.exception("could not tell the other web hosts about a page-cache purge")


def apply(entry: dict) -> None:
    from newsdesk.pagecache import store

    operation, arguments = entry[b"op"].decode(), json.loads(entry[b"args"])
    actions = {"keys": store.purge_keys, "list": store.purge_list_from, "all": store.purge_all}
    _applying.active = True
    try:
        actions[operation](*arguments)
    finally:
        _applying.active = False


def follow(stop: threading.Event | None = None, block_ms: int = 2000, ready=None) -> None:
    """Apply the other hosts' purges until `stop` is set."""
    from newsdesk.pagecache import store

    redis = client()
    newest = redis.xrevrange(STREAM, count=1)
    position = newest[0][0] if newest else b"0-0"
    _applying.active = True
    try:
        store.purge_all()  # whatever was missed before now
    finally:
        _applying.active = False
    if ready:
        ready()
    me = origin().encode()
    while stop is None or not stop.is_set():
        for _stream, entries in redis.xread({STREAM: position}, block=block_ms) or ():
            for entry_id, entry in entries:
                if entry.get(b"origin") != me:
                    apply(entry)
                position = entry_id
