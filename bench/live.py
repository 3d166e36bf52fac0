"""Live blogs, measured: the poll endpoint through nginx vs a static file, an editor's
Ctrl+Enter to the entry announced in a polling reader's browser (p50/p95), and a
5,000-entry blog's first paint and "older entries" vs a 10-entry blog's.

    .venv/bin/python bench/live.py [--duration 10] [--rounds 20]

Builds its own SQLite data dir (/tmp/newsdesk-bench-live), serves it with `newsdesk serve`
(page cache on) behind deploy/nginx/newsdesk.conf, and drives Debian's chromium.
Ports 8330 (app), 8331 (nginx front), 8332 (nginx static ceiling).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402  (the repository's root on the path first)

run.APP_PORT, run.FRONT_PORT, run.CEIL_PORT = 8330, 8331, 8332
EDITOR, PASSWORD = "bench-editor", "bench-editor-password"

SEED = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from newsdesk.content.models import Kind, Status, Story
from newsdesk.content.services import pagecounts
from newsdesk.live.models import LiveBlog, LiveEntry
from newsdesk.live.services import post_entry

def blog(headline, count):
    story = Story.objects.filter(headline=headline).first()
    if story is None:
        now = timezone.now()
        story = Story.objects.create(headline=headline, kind=Kind.LIVE, status=Status.PUBLISHED,
                                     published_at=now - timedelta(days=1), body="<p>Live.</p>")
        LiveBlog.objects.create(story=story)
        pagecounts.recount(pagecounts.pairs_of_stories([story.pk]))  # written straight to the table
        start = now - timedelta(hours=20)
        LiveEntry.objects.bulk_create(
            LiveEntry(story=story, posted_at=start + timedelta(seconds=10 * n),
                      updated_at=start + timedelta(seconds=10 * n), key_event=n % 200 == 7,
                      body=f"<p>Update {n}: the count goes on in district {n % 120}.</p>")
            for n in range(count))
        editor = get_user_model().objects.get(username="@EDITOR@")
        post_entry(story, editor, body="Pinned", pinned=True)
    entries = LiveEntry.objects.filter(story=story, pinned=False).order_by("posted_at", "id")
    # The slice after the first screen, and one four fifths of the way back.
    near, deep = entries.reverse()[min(19, count - 1)], entries[count // 5]
    return {"url": story.get_absolute_url(), "pk": story.pk, "near": near.pk, "deep": deep.pk}

print(json.dumps({"big": blog("Five thousand entries", 5000), "small": blog("Ten entries", 10)}))
""".replace("@EDITOR@", EDITOR)

# In-process, page cache off: the view's CPU for each URL, median of `rounds`.
DEPTH = """
import json, statistics, time
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.NEWSDESK_PAGE_CACHE = False
urls = json.loads(%r)
client, out = Client(), {}
for name, url in urls.items():
    client.get(url)
    times = []
    for _ in range(%d):
        started = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        times.append((time.process_time() - started) * 1000)
    out[name] = (statistics.median(times), len(queries))
print(json.dumps(out))
"""


def shell(env, code) -> dict:
    out = run.run_cli(env, "shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def purge_all(env) -> None:
    command = [run.PYTHON, "-m", "newsdesk.cli", "purge_due", "--all"]
    subprocess.run(command, env=env, check=True, capture_output=True)


def first_paint(page, url) -> float:
    page.goto(url)
    return page.evaluate(
        """() => new Promise(done => new PerformanceObserver((list, observer) => {
            const entry = list.getEntriesByName("first-contentful-paint")[0];
            if (entry) { observer.disconnect(); done(entry.startTime); }
        }).observe({type: "paint", buffered: true}))"""
    )


def percentile(values, share) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ctrl_enter_rounds(browser, front, blog, rounds) -> list[float]:
    """The editor posts straight to the app (nginx passes Host without the bench's port,
    which a login's CSRF origin check refuses); the reader polls through nginx."""
    desk = browser.new_page()
    app = f"http://127.0.0.1:{run.APP_PORT}"
    desk.goto(f"{app}/admin/login/?next=/desk/live/{blog['pk']}/")
    desk.fill("#id_username", EDITOR)
    desk.fill("#id_password", PASSWORD)
    desk.click("input[type=submit]")
    desk.wait_for_url(f"**/desk/live/{blog['pk']}/")
    if not desk.locator("#id_body").count():
        raise SystemExit(f"No entry form at {desk.url}:\n{desk.content()[:3000]}")
    reader = browser.new_page()
    reader.goto(front + blog["url"])
    button = reader.locator("[data-live-new]")
    seconds = []
    for n in range(rounds):
        desk.fill("#id_body", f"Bench entry {n}")
        started = time.monotonic()
        desk.press("#id_body", "Control+Enter")
        button.wait_for(state="visible", timeout=30_000)
        seconds.append(time.monotonic() - started)
        button.click()  # shows it: the next entry is "1 new update" again
        desk.locator("#compose-status", has_text="Posted.").wait_for()
    desk.close()
    reader.close()
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--data-dir", default="/tmp/newsdesk-bench-live")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "PYTHONPATH": str(run.REPO),
    }
    run.run_cli(env, "migrate", "-v0")
    run.run_cli(env, "collectstatic", "--noinput", "-v0")
    run.run_cli(env, "createeditor", EDITOR, "--password", PASSWORD, "--superuser")
    blogs = shell(env, SEED)
    big, small = blogs["big"], blogs["small"]

    urls = {
        "page, 10 entries": small["url"],
        "page, 5,000 entries": big["url"],
        "older, 20 back of 5,000": f"/live/{big['pk']}/older/{big['near']}/",
        "older, 4,000 back of 5,000": f"/live/{big['pk']}/older/{big['deep']}/",
        "poll fragment, 5,000 entries": f"/live/{big['pk']}/updates/",
    }
    print("# In-process, page cache off: median CPU ms (queries)")
    for name, (ms, queries) in shell(env, DEPTH % (json.dumps(urls), 30)).items():
        print(f"{name:32} {ms:7.2f} ms  ({queries} queries)")

    workdir, ceiling = data_dir / "nginx", data_dir / "ceiling"
    for sub in ("", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    purge_all(env)
    app = nginx = None
    front = f"http://127.0.0.1:{run.FRONT_PORT}"
    try:
        app = run.start_app(env, "granian", args.workers, cache_on=True)
        nginx = run.start_nginx(workdir, data_dir, ceiling)
        poll = f"/live/{big['pk']}/updates/"
        body = run.fetch(front + poll)
        (ceiling / "poll").mkdir(parents=True, exist_ok=True)
        (ceiling / "poll" / "index.html").write_bytes(body)
        print(f"\n# wrk -t2 -c16 -d{args.duration}s: the poll fragment ({len(body):,} bytes)")
        served = run.wrk(front + poll, args.duration, 2, 16)
        static = run.wrk(f"http://127.0.0.1:{run.CEIL_PORT}/poll/", args.duration, 2, 16)
        print(f"nginx, page cache: {served}")
        print(f"nginx, static file: {static}")
        print(f"poll endpoint / static file: {served['rps'] / static['rps']:.0%}")

        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"]
            )
            page = browser.new_page()
            print("\n# First contentful paint through nginx (median of 5, ms), cached and cold")
            for name, blog in (("10 entries", small), ("5,000 entries", big)):
                cached = [first_paint(page, front + blog["url"]) for _ in range(5)]
                cold = []
                for _ in range(5):
                    purge_all(env)
                    cold.append(first_paint(page, front + blog["url"]))
                print(
                    f"{name:14} cached {statistics.median(cached):6.1f}   "
                    f"uncached {statistics.median(cold):6.1f}"
                )
            page.close()
            seconds = ctrl_enter_rounds(browser, front, small, args.rounds)
            browser.close()
        print(f"\n# Ctrl+Enter → '1 new update' in a polling reader, {len(seconds)} rounds")
        print(
            f"p50 {statistics.median(seconds):.2f} s, p95 {percentile(seconds, 0.95):.2f} s, "
            f"max {max(seconds):.2f} s"
        )
    finally:
        run.stop(app)
        run.stop(nginx)


if __name__ == "__main__":
    main()
