"""One render per page after a purge: when a busy page (the home page on a breaking story)
is purged and many readers ask for it at once, the first renders it and the others wait for
that render, then get the page from the cache.

The lock is a file lock (flock) on `<root>/_locks/<digest>`, so it holds across threads and
web worker processes on one host, with no server. A page's lock file is made when the page
is first cached: paths never cached (error pages, API answers) take no lock, so readers of
those never queue behind each other. A reader waits at most RENDER_WAIT seconds, then
renders itself: a stuck render never holds readers hostage. Waiters do not get the purged
copy: a purge means readers must not see it again (the front server never serves it either).
"""

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdesk.pagecache import store

RENDER_WAIT = 5.0
# Waiters look for the page this often, a little less often the longer they wait.
FIRST_POLL, LAST_POLL = 0.002, 0.05


@contextmanager
def single_render(path: str) -> Iterator[Path | None]:
    """Yields the cached page if another reader rendered it while this one waited; else
    None, and this reader renders (holding the page's lock until the block ends)."""
    try:
        fd = os.open(store.lock_file(path), os.O_RDONLY)
    except FileNotFoundError:  # never cached: nothing to share
        yield None
        return
    try:
        yield _wait_or_lock(fd, path)
    finally:
        os.close(fd)  # releases the lock, if held


def _wait_or_lock(fd: int, path: str) -> Path | None:
    deadline = time.monotonic() + RENDER_WAIT
    pause = FIRST_POLL
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass
        else:
            # Rendered between our miss and the lock: serve that (lock released on close).
            return store.find(path)
        if (page := store.find(path)) is not None:
            return page
        if time.monotonic() > deadline:
            return None  # render without the lock rather than wait on
        time.sleep(pause)
        pause = min(pause * 1.5, LAST_POLL)
