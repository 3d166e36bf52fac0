"""Depth independence, measured in-process (no network, one reader): the median time of
archive page 2 against deep pages, interleaved so that load from elsewhere hits both alike.

    NEWSDESK_DATA_DIR=/tmp/newsdesk-bench-1000000 .venv/bin/python bench/depth.py

Pages are located from the day counts and their month totals (content_pagemonthcount, from
migration 0005): on a corpus made before it, migrate a copy first (the migration fills the
totals). Compare two checkouts on the same corpus, run alternately. ROUNDS and PAGES
("2,556,1000,1900") may be set in the environment.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ["NEWSDESK_PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from newsdesk.content.services import pagecounts  # noqa: E402
from newsdesk.content.services.lists import StoryList, story_list_page  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "60"))
PAGES = [int(n) for n in os.environ.get("PAGES", "2,556,1000,1900").split(",")]


def median_ms(samples):
    return statistics.median(samples) * 1000


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    total = StoryList.everything().stories().count()
    pages = [n for n in PAGES if (n - 1) * 10 < total]
    views = {n: [] for n in pages}
    service = {n: [] for n in pages}
    for n in pages:  # warm up
        client.get(f"/blog/page/{n}/")
    for _ in range(ROUNDS):
        for n in pages:
            started = time.perf_counter()
            response = client.get(f"/blog/page/{n}/")
            views[n].append(time.perf_counter() - started)
            assert response.status_code == 200, n
            started = time.perf_counter()
            story_list_page(pagecounts.ALL, n)
            service[n].append(time.perf_counter() - started)
    print(f"{total:,} live stories, {ROUNDS} interleaved rounds, median per request")
    first = pages[0]
    print(f"| page | whole view ms | paging service ms | view vs p{first} | service vs p{first} |")
    print("|---:|---:|---:|---:|---:|")
    for n in pages:
        view, paging = median_ms(views[n]), median_ms(service[n])
        print(
            f"| {n:,} | {view:.2f} | {paging:.2f} | {view / median_ms(views[first]):.2f}"
            f" | {paging / median_ms(service[first]):.2f} |"
        )


if __name__ == "__main__":
    main()
