"""A newsroom under load, all in real processes.

`newsdesk serve` (granian, two worker processes) runs on a database and page cache of its
own, with the shipped nginx front before it when nginx is installed. At once, for as long
as asked:

- desk editors save the story form,
- API clients PATCH with `If-Match`,
- admin editors save the admin's change form,
- a workflow editor publishes, unpublishes and adds corrections,
- readers read story pages and the home page through the front.

Every writer builds on what it was shown: it adds a paragraph carrying a mark of its own
to the body it read. So a confirmed edit whose mark is missing from the story afterwards
is a lost edit, and a page served after a confirmed edit without that mark is a stale
page — the two failures this harness counts, with server errors.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import lxml.html

from tests.concurrency.front import Front, free_port

ROOT = Path(__file__).resolve().parents[2]
CSRF = "k" * 32  # any 32-character secret, sent as cookie and form field alike

SETUP = """
import json
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from newsdesk.api import keys
from newsdesk.api.models import ApiKey
from newsdesk.content.models import Section
from newsdesk.content.services import revisions, workflow
user = get_user_model().objects.create_user(
    "desk", password="a-long-test-password", is_staff=True, is_superuser=True)
client = Client()
client.force_login(user)
_, raw = keys.issue(user, "load", ApiKey.Scope.WRITE)
section = Section.objects.create(name="World", slug="world")
stories = []
for n in range(%(stories)d):
    story = revisions.create_story(
        {"headline": f"Running story {n}", "standfirst": "Under load.",
         "body": "<p>First paragraph.</p>", "section": section}, user)
    workflow.transition(story, "published", user)
    stories.append({"id": story.pk, "url": story.get_absolute_url()})
print(json.dumps({"session": client.cookies["sessionid"].value, "key": raw, "stories": stories}))
"""


@dataclass
class Tally:
    """What the writers and readers saw; shared by their threads (list/Counter appends are
    atomic enough under the GIL for counting)."""

    confirmed: dict = field(default_factory=lambda: {"body": {}, "notes": {}})
    counts: Counter = field(default_factory=Counter)
    stale: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def confirm(self, kind: str, story_id: int, mark: str, what: str) -> None:
        self.confirmed[kind].setdefault(story_id, []).append(mark)
        self.counts[what] += 1


class Newsroom:
    """The site's processes and the clients that load it."""

    def __init__(self, stories: int = 3, database_url: str | None = None):
        self.tmp = Path(tempfile.mkdtemp(prefix="newsdesk-load-"))
        self.tmp.chmod(0o755)  # nginx's workers read the page cache
        self.database_url = database_url
        self.env = self._environment()
        self.data = self._set_up(stories)
        self.app_url = ""
        self.front: Front | None = None
        self.server: subprocess.Popen | None = None

    def _environment(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "NEWSDESK_MEDIA_ROOT")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="newsdesk.settings",
            NEWSDESK_DATA_DIR=str(self.tmp / "data"),
            NEWSDESK_PAGE_CACHE_DIR=str(self.tmp / "pagecache"),
            NEWSDESK_HTTPS="0",
            NEWSDESK_PLAIN_STATIC="1",
            NEWSDESK_PAGE_CACHE="1",
            NEWSDESK_API_WRITE_RATE="100000/m",
            PYTHONPATH=str(ROOT),
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        (self.tmp / "data" / "static").mkdir(parents=True)
        (self.tmp / "pagecache").mkdir()
        return env

    def _set_up(self, n: int) -> dict:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup()\n" + SETUP % {"stories": n},
            ],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
        if done.returncode:
            raise RuntimeError(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self) -> None:
        port = free_port()
        self.log = open(self.tmp / "server.log", "wb")  # noqa: SIM115  closed by stop()
        self.server = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port)]
            + ["--workers", "2", "--server", "granian", "--quiet"],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.app_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.app_url + "/", timeout=2)
                break
            except httpx.TransportError:
                if self.server.poll() is not None:
                    raise RuntimeError("the server exited") from None
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not answer within 60 s")
        if shutil.which("nginx"):
            self.front = Front(self.tmp, self.tmp / "pagecache", upstream=f"127.0.0.1:{port}")
            self.front.start()

    @property
    def reader_url(self) -> str:
        return self.front.url if self.front else self.app_url

    def server_errors(self, lines: int = 60) -> str:
        """The end of the server's log (tracebacks of any 500)."""
        log = self.tmp / "server.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.front:
            self.front.stop()
        if self.server and self.server.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.server.pid, 15)
            try:
                self.server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, 9)
                self.server.wait(20)
            self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- clients ---------------------------------------------------------------------------

    def desk(self) -> httpx.Client:
        cookies = {"sessionid": self.data["session"], "csrftoken": CSRF}
        return httpx.Client(base_url=self.app_url, cookies=cookies, timeout=30)

    def api(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.data['key']}"}
        return httpx.Client(base_url=self.app_url, headers=headers, timeout=30)

    def reader(self) -> httpx.Client:
        return httpx.Client(base_url=self.reader_url, timeout=30)

    # -- the run ---------------------------------------------------------------------------

    def run(self, seconds: float) -> Tally:
        tally = Tally()
        stop = threading.Event()
        marks = itertools.count()
        stories = [s["id"] for s in self.data["stories"]]
        urls = {s["id"]: s["url"] for s in self.data["stories"]}
        jobs = []
        for story in stories:
            for writer in (desk_editor, api_client, admin_editor):
                jobs.append((writer, (self, story, urls[story], marks, tally, stop)))
        jobs.append((workflow_editor, (self, stories, marks, tally, stop)))
        jobs.append((reader, (self, list(urls.values()), tally, stop)))
        threads = [threading.Thread(target=guarded, args=(job, args, tally)) for job, args in jobs]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        self.check_at_rest(tally)
        return tally

    def check_at_rest(self, tally: Tally) -> None:
        """With the writers stopped: every confirmed mark is in its story, and every page,
        from the front and from the app, is the story as it is now. Then each story is
        published once more and checked again (corrections show on the public page)."""
        self.check_pages(tally)
        with self.desk() as desk:
            for story in self.data["stories"]:
                published = desk.post(
                    f"/desk/stories/{story['id']}/state/",
                    data={"csrfmiddlewaretoken": CSRF, "to_state": "published"},
                )
                note_server_error(tally, "final publish", published)
        self.check_pages(tally, notes=True)

    def check_pages(self, tally: Tally, notes: bool = False) -> None:
        with (
            self.api() as api,
            self.reader() as front,
            httpx.Client(base_url=self.app_url, timeout=30) as app,
        ):
            for story in self.data["stories"]:
                now = current(api, story["id"])
                for mark in tally.confirmed["body"].get(story["id"], []):
                    if mark not in now["body"]:
                        tally.counts["lost edits"] += 1
                        tally.errors.append(f"lost edit {mark} on story {story['id']}")
                newest = last_mark(now["body"])
                for client, name in ((front, "front"), (app, "app")):
                    page = client.get(story["url"])
                    if now["published"]:
                        fresh = page.status_code == 200 and newest in page.text
                    else:
                        fresh = page.status_code == 404
                    if not fresh:
                        tally.counts["stale pages"] += 1
                        tally.stale.append(f"at rest, {name}: {story['url']} ({page.status_code})")
                    if notes and page.status_code == 200:
                        for mark in tally.confirmed["notes"].get(story["id"], []):
                            if mark not in page.text:
                                tally.counts["lost edits"] += 1
                                tally.errors.append(f"lost correction {mark} ({name})")


def guarded(job, args, tally: Tally) -> None:
    try:
        job(*args)
    except Exception as error:  # noqa: BLE001  reported, and fails the run
        tally.errors.append(f"{job.__name__} crashed: {error!r}")


def current(api: httpx.Client, story_id: int) -> dict:
    """The story as stored (the API shows drafts to their editors)."""
    story = api.get(f"/api/stories/{story_id}").json()
    return {"body": story["body"], "published": story["status"] == "published"}


def last_mark(body: str) -> str:
    found = [part.split("<")[0] for part in body.split("mark-")[1:]]
    return "mark-" + found[-1] if found else "First paragraph."


def note_server_error(tally: Tally, what: str, response: httpx.Response) -> bool:
    if response.status_code >= 500:
        tally.errors.append(f"{what}: {response.status_code}")
        return True
    return False


def check_page(newsroom: Newsroom, url: str, mark: str, tally: Tally, client: httpx.Client):
    """Right after a confirmed edit, the page shows it (or the story is not public)."""
    page = client.get(url)
    tally.counts["pages read"] += 1
    if page.status_code == 200 and mark not in page.text:
        tally.counts["stale pages"] += 1
        tally.stale.append(f"{url} served without {mark} ({page.headers.get('X-Page-Cache')})")
    note_server_error(tally, f"GET {url}", page)


def form_values(html: str, selector: str) -> list[tuple[str, str]]:
    form = lxml.html.fromstring(html).cssselect(selector)[0]
    return list(form.form_values())


def with_body(values, body: str, **extra) -> dict[str, list[str]]:
    """The form as the browser would send it, with the new body (and `extra` fields)."""
    fields: dict[str, list[str]] = {}
    for name, value in values:
        if name != "body" and name not in extra:
            fields.setdefault(name, []).append(value)
    return {**fields, "body": [body], **{name: [value] for name, value in extra.items()}}


def desk_editor(newsroom, story_id, url, marks, tally, stop):
    with newsroom.desk() as desk, newsroom.reader() as reader:
        while not stop.is_set():
            page = desk.get(f"/desk/stories/{story_id}/")
            if note_server_error(tally, "desk form", page):
                continue
            values = form_values(page.text, "form#story-form")
            body = dict(values)["body"]
            mark = f"mark-desk-{next(marks)}"
            saved = desk.post(
                f"/desk/stories/{story_id}/",
                data=with_body(values, f"{body}<p>{mark}</p>", csrfmiddlewaretoken=CSRF),
            )
            if saved.status_code == 302:
                tally.confirm("body", story_id, mark, "desk saves")
                check_page(newsroom, url, mark, tally, reader)
            elif not note_server_error(tally, "desk save", saved):
                tally.counts["desk conflicts"] += 1


def api_client(newsroom, story_id, url, marks, tally, stop):
    with newsroom.api() as api, newsroom.reader() as reader:
        while not stop.is_set():
            read = api.get(f"/api/stories/{story_id}")
            if note_server_error(tally, "API read", read):
                continue
            mark = f"mark-api-{next(marks)}"
            body = read.json()["body"] + f"<p>{mark}</p>"
            sent = api.patch(
                f"/api/stories/{story_id}",
                json={"body": body},
                headers={"If-Match": read.headers["ETag"]},
            )
            if sent.status_code == 200:
                tally.confirm("body", story_id, mark, "API saves")
                check_page(newsroom, url, mark, tally, reader)
            elif not note_server_error(tally, "API save", sent):
                tally.counts["API conflicts"] += 1


def admin_editor(newsroom, story_id, url, marks, tally, stop):
    change = f"/admin/content/story/{story_id}/change/"
    with newsroom.desk() as admin, newsroom.reader() as reader:
        while not stop.is_set():
            page = admin.get(change)
            if note_server_error(tally, "admin form", page):
                continue
            values = form_values(page.text, "form#story_form")
            body = dict(values)["body"]
            mark = f"mark-admin-{next(marks)}"
            saved = admin.post(
                change,
                data=with_body(
                    values, f"{body}<p>{mark}</p>", csrfmiddlewaretoken=CSRF, _save="Save"
                ),
            )
            if saved.status_code == 302:
                tally.confirm("body", story_id, mark, "admin saves")
                check_page(newsroom, url, mark, tally, reader)
            elif not note_server_error(tally, "admin save", saved):
                tally.counts["admin conflicts"] += 1


def workflow_editor(newsroom, stories, marks, tally, stop):
    """Unpublishes and republishes, and adds corrections, from stale copies of the story
    (the desk's forms never carry a version for these)."""
    with newsroom.desk() as desk:
        for step in itertools.count():
            if stop.is_set():
                return
            story_id = stories[step // 3 % len(stories)]
            if step % 3 == 2:
                mark = f"mark-note-{next(marks)}"
                sent = desk.post(
                    f"/desk/stories/{story_id}/notes/",
                    data={"csrfmiddlewaretoken": CSRF, "kind": "correction", "text": mark},
                    follow_redirects=True,  # the desk says on the next page whether it took it
                )
                if "Note added" in sent.text:
                    tally.confirm("notes", story_id, mark, "corrections")
                elif "for published stories" in sent.text:
                    tally.counts["corrections refused (unpublished)"] += 1
            else:
                to = "published" if step % 3 else "unpublished"
                sent = desk.post(
                    f"/desk/stories/{story_id}/state/",
                    data={"csrfmiddlewaretoken": CSRF, "to_state": to},
                )
                tally.counts["transitions"] += sent.status_code == 302
            note_server_error(tally, "workflow", sent)
            stop.wait(0.2)


def reader(newsroom, urls, tally, stop):
    with newsroom.reader() as client:
        while not stop.is_set():
            page = client.get(random.choice([*urls, "/"]))  # noqa: S311  not for security
            tally.counts["pages read"] += 1
            note_server_error(tally, "reader", page)
