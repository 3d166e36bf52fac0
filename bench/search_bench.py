"""Search latency through the view, at a corpus size you choose, on the configured DB.

    python bench/search_bench.py --stories 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_search python bench/search_bench.py ...

Builds (or tops up) a generated corpus: a Zipf-distributed synthetic vocabulary, so a few
words are in most stories and most words in few, as in real copy. Stories are written
with bulk_create (SQLite) or COPY (PostgreSQL), then indexed by the engine's rebuild. Then it times
GET /search/ through Django's full request stack (middleware, view, service, template)
for single-word, two-word, phrase and filtered queries, and prints p50/p95 per kind, the
median number of matching stories, and the ratio to the 20 ms goal.

The untimed queries first warm the index's upper levels, not the rows the timed queries
read: right after the machine's file cache was emptied (by other work, or on purpose) a
run measures reads from disk. Run it twice to measure a server that has been answering.
"""

import argparse
import bisect
import itertools
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("NEWSDESK_DATA_DIR", "/tmp/newsdesk-search-bench")
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsdesk.content.models import Section, Status, Story  # noqa: E402
from newsdesk.search.backends import backend_for  # noqa: E402
from newsdesk.search.query import parse_query  # noqa: E402

GOAL_MS = 20.0
VOCABULARY = 20_000
SYLLABLES = [a + b for a in "bdfgklmnprstvz" for b in ("a", "e", "i", "o", "u", "ai", "or")]
SECTIONS = ["World", "Politics", "Business", "Technology", "Sport", "Culture"]


def vocabulary(rng: random.Random) -> list[str]:
    words, seen = [], set()
    while len(words) < VOCABULARY:
        word = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Generated copy: words drawn with Zipf weights (rank r has weight 1/r)."""

    def __init__(self, seed=7):
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, VOCABULARY + 1)))

    def text(self, count: int) -> str:
        total = self.cumulative[-1]
        picks = [bisect.bisect(self.cumulative, self.rng.random() * total) for _ in range(count)]
        return " ".join(self.words[min(i, VOCABULARY - 1)] for i in picks)

    def story(self, section_ids, now) -> Story:
        paragraphs = "".join(f"<p>{self.text(self.rng.randint(30, 50))}.</p>" for _ in range(3))
        published = now - timedelta(minutes=self.rng.randint(1, 5 * 365 * 24 * 60))
        return Story(
            headline=self.text(self.rng.randint(5, 9)).capitalize(),
            slug="bench-story",
            standfirst=self.text(self.rng.randint(14, 22)).capitalize() + ".",
            body=paragraphs,
            section_id=self.rng.choice(section_ids),
            status=Status.PUBLISHED,
            published_at=published,
            updated_at=published,
        )


def build_corpus(target: int, writer: Writer) -> None:
    have = Story.objects.count()
    if have >= target:
        print(f"corpus: {have} stories already there")
        return
    section_ids = [Section.objects.get_or_create(name=n, slug=n.lower())[0].pk for n in SECTIONS]
    now = timezone.now()
    if connection.vendor == "postgresql":
        copy_corpus(have, target, writer, section_ids, now)
    else:
        insert_corpus(have, target, writer, section_ids, now)
    # Bulk writes bypass the change pipeline: the index is built as `search-rebuild` does.
    started = time.perf_counter()
    indexed = backend_for().rebuild(
        lambda done, total: done % 100_000 == 0 and print(f"  {done} indexed", flush=True)
    )
    print(f"  index: {indexed} stories in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def insert_corpus(have: int, target: int, writer: Writer, section_ids, now) -> None:
    started = time.perf_counter()
    batch = 2000
    for start in range(have, target, batch):
        size = min(batch, target - start)
        with transaction.atomic():
            # bulk_create skips Story.save(): the body is generated plain paragraphs already.
            Story.objects.bulk_create(writer.story(section_ids, now) for _ in range(size))
        done = start + size
        if done % 20_000 == 0 or done == target:
            rate = (done - have) / (time.perf_counter() - started)
            print(f"  {done} stories ({rate:.0f}/s)", flush=True)


def copy_corpus(have: int, target: int, writer: Writer, section_ids, now) -> None:
    """PostgreSQL: stories by COPY (a million in minutes), each row as Django would save it."""
    fields = [f for f in Story._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    started = time.perf_counter()
    copy_sql = f"COPY {Story._meta.db_table} ({columns}) FROM STDIN"  # noqa: S608
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.connection.cursor().copy(copy_sql) as copy,
    ):
        for done in range(have + 1, target + 1):
            story = writer.story(section_ids, now)
            copy.write_row(
                [f.get_db_prep_save(getattr(story, f.attname), connection) for f in fields]
            )
            if done % 100_000 == 0:
                rate = (done - have) / (time.perf_counter() - started)
                print(f"  {done} stories copied ({rate:.0f}/s)", flush=True)


def count_matches(q: str) -> int:
    """Stories matching `q`, whatever their status (the work a query does grows with it);
    the engine's own count, an estimate for common words."""
    return backend_for().count(Story.objects.all(), parse_query(q)).total


def queries(writer: Writer, n: int, seed: int = 11) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    # Words people search for are names and topics: not the commonest words, not hapaxes.
    pick = lambda: writer.words[rng.randint(50, 5000)]  # noqa: E731
    phrases = []
    for story in Story.objects.filter(
        pk__in=[rng.randint(1, Story.objects.count()) for _ in range(n * 2)]
    )[:n]:
        words = story.headline.lower().split()
        at = rng.randrange(len(words) - 1)
        phrases.append(f'"{words[at]} {words[at + 1]}"')
    since = (timezone.now() - timedelta(days=365)).date().isoformat()
    return {
        "single word": [{"q": pick()} for _ in range(n)],
        "two words": [{"q": f"{pick()} {pick()}"} for _ in range(n)],
        "phrase": [{"q": p} for p in phrases],
        "filtered": [
            {"q": pick(), "section": rng.choice(SECTIONS).lower(), "date_from": since}
            for _ in range(n)
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument(
        "--warmup", type=int, default=10, help="untimed queries per kind first (other words)"
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    writer = Writer()
    build_corpus(args.stories, writer)
    total = Story.objects.count()
    client = Client()
    client.get("/search/", {"q": writer.words[100]})  # warm caches and connections
    # Other words than the timed ones: the index's upper levels get cached, as on a
    # server that has been answering searches, but not the timed queries' own pages.
    for params_list in queries(writer, args.warmup, seed=12).values():
        for params in params_list:
            client.get("/search/", params)
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"\nsearch through the view: {connection.vendor}, {total} stories, load {load}")
    print(f"{'query kind':<14}{'p50 ms':>9}{'p95 ms':>9}{'median hits':>13}{'p50/goal':>10}")
    for kind, params_list in queries(writer, args.queries).items():
        timings, hits = [], []
        for params in params_list:
            started = time.perf_counter()
            response = client.get("/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (params, response.status_code)
            hits.append(count_matches(params["q"]))
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(
            f"{kind:<14}{p50:>9.1f}{p95:>9.1f}{statistics.median(hits):>13.0f}"
            f"{p50 / GOAL_MS:>10.2f}"
        )


if __name__ == "__main__":
    main()
