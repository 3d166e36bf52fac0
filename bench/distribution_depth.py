"""Does paging stay flat with depth? Sitemap pages (id ranges) and API story pages (cursor),
each against the OFFSET paging they replace, on a generated archive.

    .venv/bin/python bench/distribution_depth.py [--stories 100000]

Runs on a throwaway SQLite database in a temp dir (or DATABASE_URL if set). Prints the time
of the first and the last page, and the ratio last/first: flat paging stays near 1.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-"))
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsdesk.api.story_queries import encode_cursor  # noqa: E402
from newsdesk.content.models import Status, Story  # noqa: E402
from newsdesk.content.services.visibility import live_stories  # noqa: E402
from newsdesk.syndication.sitemaps import StorySitemap  # noqa: E402

SITEMAP_LIMIT = 10_000
API_LIMIT = 100


def best_of(runs, fn):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def generate(count):
    if Story.objects.count() >= count:
        return
    now = timezone.now()
    batch = []
    for n in range(count):
        when = now - timedelta(minutes=n + 1)
        batch.append(
            Story(
                headline=f"Story {n}",
                slug=f"story-{n}",
                body="<p>Body</p>",
                status=Status.PUBLISHED,
                published_at=when,
                updated_at=when,
            )
        )
        if len(batch) == 5000:
            Story.objects.bulk_create(batch)
            batch = []
    Story.objects.bulk_create(batch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(args.stories)
    print(
        f"{args.stories:,} stories ready in {time.perf_counter() - started:.1f} s "
        f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
    )

    settings.NEWSDESK_SITEMAP_LIMIT = SITEMAP_LIMIT
    client = Client(HTTP_HOST="localhost")
    pages = -(-Story.objects.latest("pk").pk // SITEMAP_LIMIT)

    def sitemap(page):
        response = client.get(f"/sitemap-stories.xml?p={page}")
        assert response.status_code == 200, response.status_code

    # cache_page would answer the second run from cache: bypass it with a fresh key each time
    from django.core.cache import cache

    def fresh(fn):
        def run():
            cache.clear()
            fn()

        return run

    first = best_of(3, fresh(lambda: sitemap(1)))
    last = best_of(3, fresh(lambda: sitemap(pages)))
    print(f"sitemap, {SITEMAP_LIMIT:,} URLs per page, {pages} pages")
    print(
        f"  whole view (id ranges)  page 1: {first * 1000:7.1f} ms   page {pages}: "
        f"{last * 1000:7.1f} ms   last/first {last / first:5.2f}"
    )
    ranges = StorySitemap().paginator
    range_first = best_of(3, lambda: list(ranges.page(1).object_list))
    range_last = best_of(3, lambda: list(ranges.page(pages).object_list))
    queryset = StorySitemap().items().order_by("pk")
    offset_first = best_of(3, lambda: list(Paginator(queryset, SITEMAP_LIMIT).page(1)))
    offset_last = best_of(3, lambda: list(Paginator(queryset, SITEMAP_LIMIT).page(pages)))
    print(
        f"  query, id ranges        page 1: {range_first * 1000:7.1f} ms   page {pages}: "
        f"{range_last * 1000:7.1f} ms   last/first {range_last / range_first:5.2f}"
    )
    print(
        f"  query, COUNT+OFFSET     page 1: {offset_first * 1000:7.1f} ms   page {pages}: "
        f"{offset_last * 1000:7.1f} ms   last/first {offset_last / offset_first:5.2f}"
    )

    # API: the cursor of the deepest page is the story just before it (what a client that
    # walked every page would hold); compare with OFFSET at the same depth.
    ordered = live_stories().order_by("-published_at", "-pk")
    total = ordered.count()
    depth = (total - 1) // API_LIMIT
    before = ordered[depth * API_LIMIT - 1]
    cursors = [encode_cursor(before.published_at, before.pk)]
    api_first = best_of(5, lambda: client.get(f"/api/stories?limit={API_LIMIT}"))
    api_last = best_of(
        5, lambda: client.get(f"/api/stories?limit={API_LIMIT}&cursor={cursors[-1]}")
    )
    off_first = best_of(5, lambda: list(ordered[:API_LIMIT]))
    off_last = best_of(5, lambda: list(ordered[depth * API_LIMIT : (depth + 1) * API_LIMIT]))
    assert client.get(f"/api/stories?limit={API_LIMIT}&cursor={cursors[-1]}").json()["next"] is None
    print(f"API /api/stories, {API_LIMIT} per page, {depth + 1} pages")
    print(
        f"  cursor view     page 1: {api_first * 1000:7.1f} ms   page {depth + 1}: "
        f"{api_last * 1000:7.1f} ms   last/first {api_last / api_first:5.2f}"
    )
    print(
        f"  OFFSET query    page 1: {off_first * 1000:7.1f} ms   page {depth + 1}: "
        f"{off_last * 1000:7.1f} ms   last/first {off_last / off_first:5.2f}"
    )


if __name__ == "__main__":
    main()
