"""How fast the desk's pages become usable in Debian's chromium: time from navigation to
the DOM being interactive and to the load event, for every desk page: the story list (first
page, searches, filters, an older page), the editor (of a story made from agency copy), a
new story, the wire queue, media, people, and sections & tags.

    NEWSDESK_DATA_DIR=<a data dir with stories> .venv/bin/python bench/desk_pages.py \
        [--port 8132] [--rounds 20] [--stories N] [--wire-items N]

Runs against the environment's database (the demo's, or DATABASE_URL's). With `--stories N`
an emptier database is first filled up to N published stories by bulk inserts
(bench/corpus.py, short bodies: the desk's lists do not read them) and `--wire-items N`
agency items, so a million-story desk can be measured in a throwaway PostgreSQL database:

    createdb nd_bench && DATABASE_URL=postgres://…/nd_bench newsdesk migrate
    DATABASE_URL=postgres://…/nd_bench python bench/desk_pages.py --stories 1000000
    dropdb nd_bench

Adds a staff account `desk-bench` if missing. Prints p50 and p95 per page, in milliseconds.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from bench.corpus import CorpusSpec, build_corpus  # noqa: E402
from bench.desk_browser import signed_in_desk  # noqa: E402
from newsdesk.content.models import Source, Story  # noqa: E402
from newsdesk.wire.models import ItemKind, ItemStatus, WireItem  # noqa: E402
from newsdesk.wire.services import queue  # noqa: E402

TIMING = (
    "(() => { const n = performance.getEntriesByType('navigation')[0];"
    " return [n.domInteractive, n.loadEventEnd]; })()"
)


def fill(stories: int, wire_items: int) -> None:
    """Top the database up to `stories` stories and `wire_items` agency items, in bulk."""
    missing_stories = stories - Story.objects.count()
    if missing_stories > 0:
        spec = CorpusSpec(stories=missing_stories, min_words=40, max_words=120, batch=10_000)
        build_corpus(spec, progress=lambda done, total: print(f"  {done:,} / {total:,}"))
    agency = Source.objects.order_by("pk").first() or Source.objects.create(name="Bench agency")
    missing = wire_items - WireItem.objects.count()
    WireItem.objects.bulk_create(
        [
            WireItem(
                kind=ItemKind.FEED,
                source=agency,
                guid=f"desk-bench-{n}",
                headline=f"Agency copy number {n}",
                body=f"<p>What agency copy {n} says, in a few words.</p>",
                status=ItemStatus.NEW,
            )
            for n in range(max(0, missing))
        ],
        batch_size=5000,
    )
    if missing > 0 or missing_stories > 0:
        # Fresh statistics and, on PostgreSQL, the visibility map as autovacuum leaves them
        # after bulk inserts: index-only scans need it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def edited_story(user) -> Story:
    """A story made from agency copy, as most are: the editor shows the copy beside it."""
    made = WireItem.objects.filter(status=ItemStatus.ACCEPTED, story__isnull=False).first()
    if made:
        return made.story
    return queue.accept(WireItem.objects.filter(status=ItemStatus.NEW).first(), user)


def pages(base: str, user) -> dict:
    newest = Story.objects.filter(deleted_at__isnull=True).order_by("-updated_at", "-pk")
    story = edited_story(user) if WireItem.objects.exists() else newest.first()
    fiftieth = newest.values_list("updated_at", "pk")[49:50]
    older = ""
    if fiftieth:
        when, pk = fiftieth[0]
        older = f"{base}/desk/?after={when.isoformat()}_{pk}"
    person = story.bylines.first() if story else None
    found = {
        "story list": f"{base}/desk/",
        "story list, search": f"{base}/desk/?q=minister",
        "story list, published": f"{base}/desk/?state=published&sort=published",
        "story list, photo stories": f"{base}/desk/?kind=photo",
        "story list, by author": f"{base}/desk/?author={person.pk}" if person else "",
        "story list, older page": older,
        "editor": f"{base}/desk/stories/{story.pk}/" if story else "",
        "new story": f"{base}/desk/stories/new/",
        "wire queue": f"{base}/desk/wire/",
        "wire queue, unseen": f"{base}/desk/wire/?unseen=on",
        "media": f"{base}/desk/media/",
        "people": f"{base}/desk/people/",
        "sections & tags": f"{base}/desk/sections-and-tags/",
    }
    return {name: url for name, url in found.items() if url}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8132)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--stories", type=int, default=0, help="fill up to N stories first")
    parser.add_argument("--wire-items", type=int, default=0, help="and N wire items")
    args = parser.parse_args()
    fill(args.stories, args.wire_items)
    user, _ = get_user_model().objects.get_or_create(
        username="desk-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    stories = Story.objects.count()
    print(f"{stories:,} stories in {settings.DATABASES['default']['NAME']}; {args.rounds} rounds")
    with signed_in_desk(user, args.port) as (page, base):
        print(f"{'page':<28} {'interactive p50':>16} {'p95':>7} {'loaded p50':>11} {'p95':>7}")
        for name, url in pages(base, user).items():
            page.goto(url)  # warm-up: static files cached, as for an editor at work
            interactive, loaded = [], []
            for _ in range(args.rounds):
                page.goto(url)
                page.wait_for_load_state("load")
                dom, load = page.evaluate(TIMING)
                interactive.append(dom)
                loaded.append(load)
            q = lambda values, n: statistics.quantiles(values, n=100)[n - 1]  # noqa: E731
            print(
                f"{name:<28} {q(interactive, 50):>13.0f} ms {q(interactive, 95):>4.0f} ms"
                f" {q(loaded, 50):>8.0f} ms {q(loaded, 95):>4.0f} ms"
            )


if __name__ == "__main__":
    main()
