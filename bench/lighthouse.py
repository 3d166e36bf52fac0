"""Lighthouse (mobile) on every kind of reader's page of the demo newsroom: prints the four
category scores (performance, accessibility, best practices, SEO) per page, and the audits
that kept a page under 100. Not run in CI: Lighthouse's own timings vary with the machine.

    npm install --no-save lighthouse@13      # once; not a project dependency
    .venv/bin/python bench/lighthouse.py [--data-dir /tmp/newsdesk-lighthouse] [--pages home,story]
        [--editions]   # the demo's Persian and Arabic home and story pages too
        [--desk]       # the desk's story list and story editor, signed in as an editor
        [--port 8320]

Serves the demo (`newsdesk demo --no-serve`, then `newsdesk serve`, page cache off) on
127.0.0.1:8320 and drives Debian's chromium (CHROME_PATH=/usr/bin/chromium). The desk's
pages are audited with the session cookie of a staff account (`desk-lighthouse`) sent as an
extra header on every request.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import PYTHON, REPO, run_cli, stop, wait_for  # noqa: E402

PORT = 8320
# Installed beside the project's npm packages, or wherever NEWSDESK_LIGHTHOUSE points.
LIGHTHOUSE = Path(
    os.environ.get("NEWSDESK_LIGHTHOUSE", REPO / "node_modules/lighthouse/cli/index.js")
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PICK_URLS = """
import json
from newsdesk.content.models import Kind, Person, Section, Story, Tag
from newsdesk.editions.routing import story_url
live = Story.objects.filter(status="published").order_by("-published_at")
print(json.dumps({
    "story": live.filter(featured_image__isnull=False, kind="article").first().get_absolute_url(),
    "story-no-picture": live.filter(featured_image__isnull=True).first().get_absolute_url(),
    "photo-story": live.filter(kind=Kind.PHOTO).first().get_absolute_url(),
    "section": Section.objects.order_by("order").first().get_absolute_url(),
    "tag": Tag.objects.order_by("pk").first().get_absolute_url(),
    "author": Person.objects.order_by("pk").first().get_absolute_url(),
    **{
        f"{code}-story": story_url(story)
        for code in ("fa", "ar")
        if (story := live.filter(edition=code).first())
    },
}))
"""
# A signed-in editor for the desk's pages: the session cookie, and the story to edit (the
# newest one made from agency copy, as most are: the editor shows the copy beside it).
DESK_SESSION = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from newsdesk.content.models import Story
from newsdesk.wire.models import WireItem
user, _ = get_user_model().objects.get_or_create(
    username="desk-lighthouse", defaults={"is_staff": True, "is_superuser": True}
)
client = Client()
client.force_login(user)
made = WireItem.objects.filter(story__isnull=False).order_by("-pk").first()
story = made.story if made else Story.objects.order_by("-updated_at").first()
print(json.dumps({"cookie": client.cookies["sessionid"].value, "story": story.pk}))
"""


def warm(url: str, headers: dict | None = None) -> None:
    """Load the page and every picture it links once: renditions are made on their first
    request, and a first visit measures that, not the page."""
    request = urllib.request.Request(url, headers=headers or {})
    html = urllib.request.urlopen(request).read().decode()  # noqa: S310 (loopback)
    for found in set(re.findall(r'(?:src|srcset)="([^"]+)"', html)):
        for candidate in found.split(", "):
            path = candidate.split()[0]
            if path.startswith("/media/"):
                urllib.request.urlopen(f"{origin(url)}{path}").read()  # noqa: S310


def origin(url: str) -> str:
    return "/".join(url.split("/")[:3])


def lighthouse(url: str, out: Path, tries: int = 3, headers: dict | None = None) -> dict:
    """One Lighthouse run; tried again when Chromium's trace fails (NO_NAVSTART)."""
    for attempt in range(tries):
        done = subprocess.run(
            [
                "node",
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                *([f"--extra-headers={json.dumps(headers)}"] if headers else []),
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            check=attempt == tries - 1,
        )
        if done.returncode == 0:
            break
    return json.loads(out.read_text())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--pages", default="")
    parser.add_argument("--stories", type=int, default=650)
    parser.add_argument(
        "--editions", action="store_true", help="the demo's Persian and Arabic editions too"
    )
    parser.add_argument(
        "--desk", action="store_true", help="the desk's story list and editor, signed in"
    )
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm install --no-save lighthouse@13")
    data_dir = Path(args.data_dir or "/tmp/newsdesk-lighthouse").resolve()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "NEWSDESK_PAGE_CACHE": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(REPO),
        **({"NEWSDESK_EDITIONS": "demo"} if args.editions else {}),
    }
    run_cli(env, "demo", "--no-serve", "--stories", str(args.stories))
    picked = json.loads(
        run_cli(env, "shell", "-c", PICK_URLS, capture=True).strip().splitlines()[-1]
    )
    pages = {
        "home": "/",
        "archive": "/blog/page/2/",
        **picked,
        # Search is noindex by design (its SEO score says so); Lighthouse will not load a 404
        # at all, so the error page is checked by the Nu and axe tests alone.
        "search": "/search/?q=talks",
        **({"fa-home": "/fa/", "ar-home": "/ar/"} if args.editions else {}),
    }
    desk_headers = {}
    if args.desk:
        signed_in = json.loads(
            run_cli(env, "shell", "-c", DESK_SESSION, capture=True).strip().splitlines()[-1]
        )
        desk_headers = {"Cookie": f"sessionid={signed_in['cookie']}"}
        pages["desk-stories"] = "/desk/"
        pages["desk-editor"] = f"/desk/stories/{signed_in['story']}/"
    if args.pages:
        pages = {name: url for name, url in pages.items() if name in args.pages.split(",")}
    server = subprocess.Popen(
        [PYTHON, "-m", "newsdesk.cli", "serve", "--port", str(args.port), "--quiet"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"{base}/")
        print(f"{'page':18} " + " ".join(f"{name[:14]:>14}" for name in CATEGORIES))
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in pages.items():
                headers = desk_headers if path.startswith("/desk/") else None
                warm(f"{base}{path}", headers)
                report = lighthouse(f"{base}{path}", Path(tmp) / f"{name}.json", headers=headers)
                scores = [report["categories"][c]["score"] for c in CATEGORIES]
                print(f"{name:18} " + " ".join(f"{round((s or 0) * 100):>14}" for s in scores))
                if report["finalDisplayedUrl"] != f"{base}{path}":  # a sign-in page, say
                    print(f"{'':18}   audited {report['finalDisplayedUrl']} instead")
                for category in CATEGORIES:
                    for ref in report["categories"][category]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            print(f"{'':18}   {category}: {ref['id']} ({audit['score']:.2f})")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
