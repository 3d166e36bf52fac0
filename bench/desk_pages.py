"""How fast the desk's pages become usable in Debian's chromium: time from navigation to
the DOM being interactive and to the load event, for the story list (first page, a search,
a filter, an older page), the editor, the wire queue and the media library.

    NEWSDESK_DATA_DIR=<a data dir with stories> .venv/bin/python bench/desk_pages.py \
        [--port 8132] [--rounds 20]

Runs against the data dir's database as it is (the demo's, or one made by
`newsdesk bench-corpus --stories N`); adds a staff account `desk-bench` if missing.
Prints p50 and p95 per page, in milliseconds.
"""

import argparse
import os
import statistics
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test import Client  # noqa: E402

from newsdesk.content.models import Story  # noqa: E402

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TIMING = (
    "(() => { const n = performance.getEntriesByType('navigation')[0];"
    " return [n.domInteractive, n.loadEventEnd]; })()"
)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def pages(base: str) -> dict:
    newest = Story.objects.filter(deleted_at__isnull=True).order_by("-updated_at", "-pk")
    story = newest.first()
    fiftieth = newest.values_list("updated_at", "pk")[49:50]
    older = ""
    if fiftieth:
        when, pk = fiftieth[0]
        older = f"{base}/desk/?after={when.isoformat()}_{pk}"
    found = {
        "story list": f"{base}/desk/",
        "story list, search": f"{base}/desk/?q=minister",
        "story list, published": f"{base}/desk/?state=published&sort=published",
        "story list, older page": older,
        "editor": f"{base}/desk/stories/{story.pk}/" if story else "",
        "new story": f"{base}/desk/stories/new/",
        "wire queue": f"{base}/desk/wire/",
        "media": f"{base}/desk/media/",
    }
    return {name: url for name, url in found.items() if url}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8132)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    user, _ = get_user_model().objects.get_or_create(
        username="desk-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    server = make_server(
        "127.0.0.1",
        args.port,
        StaticFilesHandler(get_wsgi_application()),
        handler_class=QuietHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{args.port}"
    stories = Story.objects.count()
    print(f"{stories:,} stories in {settings.DATABASES['default']['NAME']}; {args.rounds} rounds")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context()
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
        )
        page = context.new_page()
        print(f"{'page':<24} {'interactive p50':>16} {'p95':>7} {'loaded p50':>11} {'p95':>7}")
        for name, url in pages(base).items():
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
                f"{name:<24} {q(interactive, 50):>13.0f} ms {q(interactive, 95):>4.0f} ms"
                f" {q(loaded, 50):>8.0f} ms {q(loaded, 95):>4.0f} ms"
            )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
