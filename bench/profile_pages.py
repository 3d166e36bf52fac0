"""CPU per request, in-process: each public page called through Django's WSGI handler as an
anonymous GET with the page cache off — no server, no network, no load generator.

    NEWSDESK_DATA_DIR=/tmp/newsdesk-bench-20000 .venv/bin/python \
        bench/profile_pages.py --rounds 50
    … --profile home            # plus the top functions of one page under cProfile

Prints milliseconds per request (median of interleaved rounds, after a warm-up), the part of
them spent rendering templates (queries a template makes included), and the SQL query count
for each page; the ratio to the story page makes runs on a busy machine comparable.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ["NEWSDESK_PAGE_CACHE"] = "0"
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.template.backends import django as django_templates  # noqa: E402
from django.template.backends import jinja2 as jinja2_templates  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from newsdesk.content.models import Section  # noqa: E402
from newsdesk.content.services.lists import StoryList  # noqa: E402

HANDLER = WSGIHandler()
RENDER_MS = []  # CPU ms of each template render since the list was last emptied


def timed(render):
    def timed_render(*args, **kwargs):
        started = time.process_time()
        try:
            return render(*args, **kwargs)
        finally:
            RENDER_MS.append((time.process_time() - started) * 1000)

    return timed_render


# A page's template renders others (includes, macros) inside the engine, not through these.
for backend in (django_templates, jinja2_templates):
    backend.Template.render = timed(backend.Template.render)


def pages(search_word: str) -> dict[str, str]:
    return {
        "home": "/",
        "story": StoryList.everything().stories()[500].get_absolute_url(),
        "archive p556": "/blog/page/556/",
        "section": Section.objects.order_by("order").first().get_absolute_url(),
        "feed": "/feeds/rss/",
        "search": f"/search/?q={search_word}",
    }


def anonymous_get(url: str) -> dict:
    """The WSGI environ of an anonymous GET of `url` (a path, maybe with a query)."""
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8310",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def call(url: str) -> tuple[int, int]:
    environ = anonymous_get(url)
    status = []
    body = HANDLER(environ, lambda s, headers, exc_info=None: status.append(s))
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0]), size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--search-word", default="diplomacy")
    parser.add_argument("--profile", default="", help="a page name to run under cProfile")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    urls = pages(args.search_word)
    for url in urls.values():  # warm-up: imports, template loading, connections
        call(url)
    timings = {name: [] for name in urls}
    templates = {name: [] for name in urls}
    for _ in range(args.rounds):
        for name, url in urls.items():
            RENDER_MS.clear()
            started = time.process_time()
            call(url)
            timings[name].append((time.process_time() - started) * 1000)
            templates[name].append(sum(RENDER_MS))
    story_ms = statistics.median(timings["story"])
    print(
        f"{'page':14} {'status':>6} {'KB':>6} {'queries':>7} {'ms (median)':>11} "
        f"{'templates':>9} {'× story':>8}"
    )
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            status, size = call(url)
        ms = statistics.median(timings[name])
        print(
            f"{name:14} {status:>6} {size / 1024:>6.0f} {len(queries):>7} {ms:>11.2f} "
            f"{statistics.median(templates[name]):>9.2f} {ms / story_ms:>8.2f}"
        )
    reset_queries()
    if args.profile:
        url = urls[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            call(url)
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs().sort_stats(args.sort)
        stats.print_stats(args.top)


if __name__ == "__main__":
    main()
