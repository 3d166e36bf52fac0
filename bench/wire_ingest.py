"""Feed ingest throughput: many feeds on a local fixture HTTP server, thousands of items,
fetched, parsed, deduplicated (GUID + near-duplicate index) and stored.

    .venv/bin/python bench/wire_ingest.py [--feeds 40] [--items 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_wire ... (PostgreSQL; uses that DB)

Prints items/s for the first poll (all new) and for a second poll of changed feeds (GUID
dedupe: everything already seen). Goal: >= 200 items/s on 2 cores.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def feed_xml(feed_no: int, items: int, rng) -> bytes:
    from newsdesk.content.demo.writer import CopyWriter

    writer = CopyWriter(rng)
    parts = [f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed_no}</title>']
    for n in range(items):
        copy = writer.story("Agency")
        parts.append(
            f"<item><title>{escape(copy.headline)}</title><guid>urn:f{feed_no}:{n}</guid>"
            f"<link>https://agency.example/{feed_no}/{n}</link>"
            f"<pubDate>Tue, 10 Jun 2025 08:00:00 +0000</pubDate>"
            f"<description>{escape(copy.body)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def run_workers(feeds, count, total):
    """Enqueue one poll job per feed; N worker processes share the queue."""
    import subprocess

    from django.db import connection

    from newsdesk.wire.models import WireItem
    from newsdesk.wire.tasks import poll_feed_job

    for feed in feeds:
        poll_feed_job.enqueue(feed.pk)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "newsdesk.cli",
        "worker",
        "--batch",
        "--no-schedule",
        "--interval",
        "0.05",
    ]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        for _ in range(count)
    ]
    for process in processes:
        process.wait()
    elapsed = time.perf_counter() - started
    stored = WireItem.objects.count()
    print(
        f"database: {connection.vendor}; {len(feeds)} feeds, {total} items, "
        f"{count} worker processes"
    )
    print(
        f"stored {stored} items in {elapsed:.1f}s (worker start-up included) -> "
        f"{stored / elapsed:.0f} items/s; goal >= 200: ratio {stored / elapsed / 200:.2f}x"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="poll through N `newsdesk worker` processes (the production path) "
        "instead of in this process",
    )
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
    Source.objects.filter(slug__startswith="bench-").delete()

    rng = random.Random(1)
    server = LocalServer()
    feeds = []
    try:
        for n in range(args.feeds):
            server.routes[f"/feed{n}.xml"] = Reply(
                200, feed_xml(n, args.items, rng), {"Content-Type": "application/rss+xml"}
            )
            wire = WireSource.objects.create(source=Source.objects.create(name=f"bench-{n}"))
            feeds.append(Feed.objects.create(wire_source=wire, url=server.url(f"/feed{n}.xml")))
        total = args.feeds * args.items
        if args.workers:
            run_workers(feeds, args.workers, total)
            return
        started, cpu_started = time.perf_counter(), time.process_time()
        new = sum(poll_feed(feed)["new"] for feed in feeds)
        first, first_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        started = time.perf_counter()
        seen = sum(poll_feed(feed)["seen"] for feed in feeds)
        second = time.perf_counter() - started
    finally:
        server.close()
    engine = django.db.connection.vendor
    print(f"database: {engine}; {args.feeds} feeds x {args.items} items = {total} items")
    print(f"first poll:  {new} new items stored in {first:.1f}s -> {new / first:.0f} items/s")
    print(
        f"second poll: {seen} items recognised as seen in {second:.1f}s "
        f"-> {seen / second:.0f} items/s"
    )
    print(
        f"first poll CPU time: {first_cpu:.1f}s -> {new / first_cpu:.0f} items per CPU-second "
        "(what one otherwise idle core gives)"
    )
    print(
        f"goal >= 200 items/s: ratio {new / first / 200:.2f}x wall-clock, "
        f"{new / first_cpu / 200:.2f}x per CPU-second"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"duplicate groups found: {DuplicateGroup.objects.count()}")


if __name__ == "__main__":
    main()
