"""Purges and writes of the page cache against each other, in real processes: readers'
renders store pages while an editor's changes purge them. No write fails, and once the last
purge is done no page older than the last change is left in the cache."""

import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest

from newsdesk.pagecache import store

WRITERS = 4
CHANGES = 150
PATH = "/story/1-breaking/"


@pytest.fixture
def cache_dir(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    return tmp_path


def _version(base: Path) -> int:
    try:
        return int((base / "version").read_text() or 0)
    except (OSError, ValueError):
        return 0


def _render_and_store(base: Path, stop: Path, errors) -> None:
    """A worker serving misses: read the generation, "render" the story's current version
    (as a view reads the database), store the page."""
    rng = random.Random(os.getpid())
    try:
        while not stop.exists():
            started = store.generation()
            version = _version(base)
            time.sleep(rng.random() / 2000)  # the render
            store.write(
                PATH, "text/html", f"version {version}".encode(), ["story-1", "home"], None, started
            )
    except Exception as error:  # reported to the test, which fails on any
        errors.put(repr(error))


def _change_and_purge(base: Path, changes: int, errors) -> None:
    """The editor: commit a change (a new version), then purge, as the pipeline does."""
    rng = random.Random(1)
    try:
        for version in range(1, changes + 1):
            temporary = base / f"version.{version}"
            temporary.write_text(str(version))
            os.replace(temporary, base / "version")
            if version % 10 == 0:
                store.purge_all()
            else:
                store.purge_keys(["story-1"])
            time.sleep(rng.random() / 1000)
    except Exception as error:
        errors.put(repr(error))


def test_no_stale_page_survives_purges_racing_with_writes(cache_dir):
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    stop = cache_dir / "stop"
    writers = [
        context.Process(target=_render_and_store, args=(cache_dir, stop, errors))
        for _ in range(WRITERS)
    ]
    editor = context.Process(target=_change_and_purge, args=(cache_dir, CHANGES, errors))
    for process in [*writers, editor]:
        process.start()
    editor.join(timeout=120)
    # Writers keep serving misses after the last purge: what they store now is current.
    time.sleep(0.05)
    stop.touch()
    for process in writers:
        process.join(timeout=60)

    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == []
    assert _version(cache_dir) == CHANGES
    page = store.find(PATH)
    if page is not None:
        assert page.read_bytes() == f"version {CHANGES}".encode()
    # Whatever is cached can still be purged: the index points at it.
    store.purge_keys(["story-1"])
    assert store.find(PATH) is None


def test_a_purge_never_deletes_an_entry_a_writer_made_after_it_listed(cache_dir, monkeypatch):
    """The interleaving that left a page unpurgeable, scripted: a purge has listed the old
    entry and dropped the page; a fresh render stores its page and entry; the purge then
    removes the entry it listed. The fresh page must stay reachable by the next purge."""
    store.write(PATH, "text/html", b"version 1", ["story-1"], None, store.generation())
    real_drop = store._drop_page
    renders = []

    def drop_then_render(path):
        real_drop(path)
        if not renders:  # a reader's miss lands here, after the change committed
            renders.append(path)
            store.write(PATH, "text/html", b"version 2", ["story-1"], None, store.generation())

    monkeypatch.setattr(store, "_drop_page", drop_then_render)
    store.purge_keys(["story-1"])
    monkeypatch.setattr(store, "_drop_page", real_drop)
    assert store.find(PATH).read_bytes() == b"version 2"
    store.purge_keys(["story-1"])  # the next change
    assert store.find(PATH) is None
