"""Near-duplicate detection on its worst input: one feed of thousands of near-identical
items (the same story with a few words changed), polled cold, then a second such feed
against the warm store.

    .venv/bin/python bench/wire_near_identical.py [--items 2300] [--words 220]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> ... (PostgreSQL; uses that DB)

Prints items/s and the process's peak memory for each poll. Goal: >= 200 items/s and
under 200 MB, whatever the feed (candidate sets per item are bounded).
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def near_identical_feed(prefix: str, items: int, words: int, rng: random.Random) -> bytes:
    vocabulary = [f"word{n}" for n in range(2000)]
    base = [rng.choice(vocabulary) for _ in range(words)]
    parts = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Same story</title>']
    for n in range(items):
        text = list(base)
        for _ in range(3):  # a few words changed: every item a near-duplicate of the others
            text[rng.randrange(words)] = rng.choice(vocabulary)
        body = escape(f"<p>{' '.join(text)}</p>")
        parts.append(
            f"<item><title>Story {prefix} {n}</title><guid>urn:{prefix}:{n}</guid>"
            f"<description>{body}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2300)
    parser.add_argument("--words", type=int, default=220)
    args = parser.parse_args()
    if "NEWSDESK_DATA_DIR" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="wire-bench-")
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        os.environ["NEWSDESK_DATA_DIR"] = scratch
    os.environ["NEWSDESK_FETCH_ALLOW"] = "127.0.0.1/32"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from newsdesk.content.models import Source
    from newsdesk.wire.models import Band, DuplicateGroup, Feed, WireItem, WireSource
    from newsdesk.wire.services.polling import poll_feed
    from tests.localhttp import LocalServer, Reply

    call_command("migrate", verbosity=0)
    WireItem.objects.all().delete()
    Band.objects.all().delete()
    DuplicateGroup.objects.all().delete()
    Source.objects.filter(slug__startswith="bench-near").delete()
    rng = random.Random(3)
    server = LocalServer()
    try:
        wire = WireSource.objects.create(source=Source.objects.create(name="bench-near"))
        print(f"database: {django.db.connection.vendor}; peak memory at start {peak_mb():.0f} MB")
        for run, label in enumerate(("cold store", "warm store")):
            document = near_identical_feed(f"r{run}", args.items, args.words, rng)
            server.routes[f"/near{run}.xml"] = Reply(200, document, {"Content-Type": "text/xml"})
            feed = Feed.objects.create(wire_source=wire, url=server.url(f"/near{run}.xml"))
            started, cpu_started = time.perf_counter(), time.process_time()
            counts = poll_feed(feed)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            print(
                f"{label}: {counts['new']} new items from a {len(document) / 1e6:.1f} MB feed "
                f"in {elapsed:.1f}s -> {counts['new'] / elapsed:.0f} items/s "
                f"(goal >= 200: {counts['new'] / elapsed / 200:.2f}x); "
                f"peak memory {peak_mb():.0f} MB (goal < 200)"
            )
            print(
                f"  CPU time {cpu:.1f}s -> {counts['new'] / cpu:.0f} items per CPU-second "
                f"(what one otherwise idle core gives; goal ratio {counts['new'] / cpu / 200:.2f}x)"
            )
        groups = DuplicateGroup.objects.count()
        grouped = WireItem.objects.exclude(group=None).count()
        print(f"duplicate groups: {groups}; items grouped: {grouped} of {WireItem.objects.count()}")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        server.close()


if __name__ == "__main__":
    main()
