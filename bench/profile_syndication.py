"""CPU per request, in-process, of feeds, sitemaps and the content API's story filters:
the pages `profile_pages.py` leaves out, measured the same way (Django's WSGI handler,
anonymous GET, page cache off, interleaved rounds, median process_time).

    NEWSDESK_DATA_DIR=/tmp/newsdesk-bench-20000 .venv/bin/python \
        bench/profile_syndication.py --rounds 30

Sitemaps are cached by their views (cache_page): every call here clears the caches first,
so their figures are the uncached cost. The API's "deep" rows start from a cursor 15,000
stories down. Tag and author lists use the busiest tag and author.
"""

import argparse
import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from profile_pages import call  # sets Django up, before the models below are imported

from newsdesk.api.story_queries import encode_cursor
from newsdesk.content.models import Person, Section, Tag
from newsdesk.content.services.lists import StoryList


def pages() -> dict[str, str]:
    tag = Tag.objects.annotate(n=Count("stories")).order_by("-n", "pk").first()
    person = Person.objects.annotate(n=Count("stories")).order_by("-n", "pk").first()
    section = Section.objects.order_by("order").first()
    deep = StoryList.everything().stories()[15000]
    cursor = encode_cursor(deep.published_at, deep.pk)
    return {
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "section rss": f"/feeds/section/{section.slug}/rss/",
        "tag rss": f"/feeds/tag/{tag.slug}/rss/",
        "author atom": f"/feeds/author/{person.slug}/atom/",
        "api stories": "/api/stories",
        "api tag": f"/api/stories?tag={tag.slug}",
        "api author": f"/api/stories?author={person.slug}",
        "api tag deep": f"/api/stories?tag={tag.slug}&cursor={cursor}",
        "api author deep": f"/api/stories?author={person.slug}&cursor={cursor}",
        "sitemap index": "/sitemap.xml",
        "sitemap stories": "/sitemap-stories.xml",
        "sitemap tags": "/sitemap-tags.xml",
        "sitemap authors": "/sitemap-authors.xml",
        "robots.txt": "/robots.txt",
    }


def uncached_call(url: str):
    if "sitemap" in url:
        for cache in caches.all():
            cache.clear()
    return call(url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    urls = pages()
    for url in urls.values():  # warm-up
        uncached_call(url)
    timings = {name: [] for name in urls}
    for _ in range(args.rounds):
        for name, url in urls.items():
            started = time.process_time()
            uncached_call(url)
            timings[name].append((time.process_time() - started) * 1000)
    print(f"{'page':16} {'status':>6} {'KB':>6} {'queries':>7} {'ms (median)':>11}")
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            status, size = uncached_call(url)
        ms = statistics.median(timings[name])
        print(f"{name:16} {status:>6} {size / 1024:>6.0f} {len(queries):>7} {ms:>11.2f}")


if __name__ == "__main__":
    main()
