"""Event clustering throughput: 10,000 incoming wire items placed in their clusters.

    .venv/bin/python bench/cluster_throughput.py [--items 10000] [--batch 25]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_trust ... (PostgreSQL; uses that DB)

Items are generated events (eight topics whose words many events share, each event with
its own places, people and figures) arriving over three days, each sent by 1-4 agencies
in different phrasings. The items are stored first; the timed part
is `coverage.add_items` on batches of `--batch` (one feed document's new entries), as
ingest calls it. Prints items/s, the machine's load, and how many clusters were made for
how many events. Goal: >= 200 items/s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup():
    if "NEWSDESK_DATA_DIR" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="cluster-bench-")
        os.environ["NEWSDESK_DATA_DIR"] = scratch
        import atexit

        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


SYLLABLES = [
    "ka",
    "ra",
    "man",
    "sh",
    "ta",
    "bad",
    "ab",
    "far",
    "zan",
    "gol",
    "dar",
    "mir",
    "shir",
    "kuh",
    "rud",
    "ne",
    "sa",
    "han",
    "to",
]
TOPICS = [
    ("earthquake", "magnitude", "injured", "rescue", "villages"),
    ("floods", "rain", "roads", "missing", "homes"),
    ("oil", "barrel", "prices", "crude", "exports"),
    ("talks", "minister", "visit", "delegation", "agreement"),
    ("election", "votes", "candidates", "turnout", "council"),
    ("match", "goal", "league", "stadium", "coach"),
    ("inflation", "rate", "bank", "currency", "market"),
    ("fire", "factory", "firefighters", "blaze", "workers"),
]
TEMPLATES = [
    "{Place} — {count} people were {w2} after the {w0} in {Place2} on {day}, {Person} told "
    "{agency}. Officials said {figure} {w4} were affected and the {w1} was the worst in years.",
    "The {w0} in {Place2} on {day} left {count} people {w2}, {agency} reported, citing "
    "{Person}. {figure} {w4} were affected, and {w3} work continued in {Place}.",
    "{Person} said on {day} that {count} people were {w2} in {Place2}; the {w0} hit {figure} "
    "{w4} near {Place}, according to {agency}. {w3} teams and the {w1} were reported.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _name(rng) -> str:
    return "".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize()


def make_items(count: int, rng: random.Random):
    """Events with their own places, people and figures (topic words shared among many),
    each sent by 1-4 agencies in different phrasings."""
    from django.utils import timezone

    from newsdesk.content.models import Source
    from newsdesk.wire.models import EventCluster, ItemKind, WireItem

    # A previous run's items (on a kept database) and the clusters they alone made.
    WireItem.objects.filter(guid__startswith="bench-").delete()
    EventCluster.objects.filter(members=None).delete()

    agencies = [
        Source.objects.get_or_create(slug=f"bench-{name.lower()}", defaults={"name": name})[0]
        for name in ["IRNA", "ISNA", "Reuters", "AFP", "AP", "Mehr", "Tasnim", "Fars"]
    ]
    start = timezone.now() - timedelta(days=3)
    items, events = [], 0
    while len(items) < count:
        events += 1
        topic = rng.choice(TOPICS)
        facts = {
            "Place": _name(rng),
            "Place2": _name(rng),
            "Person": f"{_name(rng)} {_name(rng)}",
            "count": rng.randint(11, 900),
            "figure": rng.randint(12, 5000),
            "day": rng.choice(DAYS),
            **{f"w{n}": word for n, word in enumerate(topic)},
        }
        at = start + timedelta(minutes=rng.randrange(3 * 24 * 60))
        for n, agency in enumerate(rng.sample(agencies, rng.randint(1, 4))):
            text = rng.choice(TEMPLATES).format(agency=agency.name, **facts)
            items.append(
                WireItem(
                    kind=ItemKind.FEED,
                    source=agency,
                    guid=f"bench-{len(items)}-{rng.random()}",
                    headline=f"{facts['count']} {facts['w2']} in {facts['Place2']} {topic[0]}",
                    body=f"<p>{text}</p>",
                    published_at=at + timedelta(minutes=7 * n),
                )
            )
    WireItem.objects.bulk_create(items[:count], batch_size=500)
    stored = WireItem.objects.filter(guid__startswith="bench-").order_by("published_at")
    return list(stored), events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup()
    from newsdesk.wire.models import ClusterMember, EventCluster
    from newsdesk.wire.services import coverage

    items, events = make_items(args.items, random.Random(args.seed))
    started, cpu_started = time.perf_counter(), time.process_time()
    for start in range(0, len(items), args.batch):
        coverage.add_items(items[start : start + args.batch])
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    members = ClusterMember.objects.filter(item__in=items).count()
    clusters = EventCluster.objects.filter(members__item__in=items).distinct().count()
    print(f"{members} items clustered in {elapsed:.1f} s: {members / elapsed:.0f} items/s")
    # On SQLite the database works inside this process, so its CPU time is all of it: what
    # one otherwise idle core would give, when the shared machine is busy.
    print(f"CPU time {cpu:.1f} s: {members / cpu:.0f} items per CPU-second")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{clusters} clusters for {events} events ({members / max(clusters, 1):.2f} items each)")


if __name__ == "__main__":
    main()
