"""A newsroom under load, all in real processes.

The site (tests/concurrency/site.py): `newsdesk serve` (granian, two worker processes) on a
database and page cache of its own, with the shipped nginx front before it when nginx is
installed. At once, for as long as asked:

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

import itertools
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
import lxml.html

from tests.concurrency.site import CSRF, NewsroomSite


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


class Newsroom(NewsroomSite):
    """The site, loaded by writers and readers at once."""

    # -- the run ---------------------------------------------------------------------------

    def run(self, seconds: float, until=None, longest: float = 0) -> Tally:
        """Writers and readers for `seconds`; then, with `until` (a test of the tally), on
        until it holds or `longest` seconds in all have passed: a loaded machine gets each
        kind of writer through later, not never."""
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
        started = time.monotonic()
        time.sleep(seconds)
        while until is not None and not until(tally) and time.monotonic() - started < longest:
            time.sleep(0.5)
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
