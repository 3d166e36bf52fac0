"""`newsdesk serve` (granian, two workers) on a file SQLite database, killed with SIGKILL
while editors' creates and saves are in flight, then started again: the database passes
PRAGMA integrity_check, every story is whole (its version has its revision), everything the
server said it saved is there, and the restarted server takes writes again.

Runs in its own data directory (own database, media, secret key), not pytest's database."""

import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8500, 8550)
CSRF = "k" * 32  # any 32-character secret, sent as cookie and form field alike
WRITERS = 4

SETUP = """
import json
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from newsdesk.content.services import revisions
user = get_user_model().objects.create_user(
    "desk", password="a-long-test-password", is_staff=True, is_superuser=True)
client = Client()
client.force_login(user)
stories = [revisions.create_story({"headline": f"Running story {n}"}, user).pk
           for n in range(%d)]
print(json.dumps({"session": client.cookies["sessionid"].value, "stories": stories}))
"""


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8500-8549")


@pytest.fixture
def site(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "NEWSDESK_MEDIA_ROOT")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        NEWSDESK_DATA_DIR=str(tmp_path / "data"),
        NEWSDESK_HTTPS="0",
        NEWSDESK_PLAIN_STATIC="1",
        NEWSDESK_PAGE_CACHE="0",
        PYTHONPATH=str(ROOT),
    )
    (tmp_path / "data" / "static").mkdir(parents=True)
    setup = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + SETUP % WRITERS],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    return env, json.loads(setup.stdout.strip().splitlines()[-1])


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(self.port)]
            + ["--workers", "2", "--server", "granian", "--quiet"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the server and its workers: one process group
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/", timeout=1)
                return
            except httpx.TransportError:
                assert self.process.poll() is None, "the server exited"
                time.sleep(0.1)
        raise AssertionError("the server did not answer within 30 s")

    def kill(self, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # A graceful stop (SIGTERM) that hangs must not leave the server running after
            # the test; a killed process in a disk write dies once the write returns.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=60)


def desk_client(server, session) -> httpx.Client:
    cookies = {"sessionid": session, "csrftoken": CSRF}
    return httpx.Client(base_url=server.url, cookies=cookies, timeout=5)


def form(headline, **extra):
    return {
        "csrfmiddlewaretoken": CSRF,
        "headline": headline,
        "standfirst": "Written while the server was killed.",
        "body": "<p>" + "A paragraph of copy. " * 200 + "</p>",
        "kind": "article",
        "language": "en-us",
        **extra,
    }


def write_until_stopped(server, session, story_id, stop, confirmed, failures):
    """Create stories and save this writer's own story, over and over; note what the
    server confirmed (a redirect to the story)."""
    client = desk_client(server, session)
    version, n = 1, 0
    while not stop.is_set():
        n += 1
        try:
            created = client.post("/desk/stories/new/", data=form(f"New {story_id}-{n}"))
            if created.status_code == 302:
                found = re.search(r"/desk/stories/(\d+)/", created.headers["location"])
                confirmed["created"].append(int(found.group(1)))
            saved = client.post(
                f"/desk/stories/{story_id}/",
                data=form(f"Running story {story_id}, take {n}", version=version),
            )
            if saved.status_code == 302:
                version += 1
                confirmed["saved"][story_id] = version
            elif saved.status_code != 200:
                failures.append(saved.status_code)
        except httpx.TransportError:
            confirmed["cut off"] += 1  # this request was in flight when the server died
            stop.wait(5)  # the writers stop when told
            return
    client.close()


@pytest.mark.own_site
def test_kill_9_mid_write_leaves_a_consistent_database(site):
    env, data = site
    database = Path(env["NEWSDESK_DATA_DIR"]) / "newsdesk.sqlite3"
    server = Server(env)
    stop = threading.Event()
    confirmed = {"created": [], "saved": {}, "cut off": 0}
    failures = []
    writers = [
        threading.Thread(
            target=write_until_stopped,
            args=(server, data["session"], story, stop, confirmed, failures),
        )
        for story in data["stories"]
    ]
    try:
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 10
        while len(confirmed["created"]) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # SIGKILL with requests in flight
        stop.set()
        for writer in writers:
            writer.join(timeout=10)
    finally:
        stop.set()
        server.kill()
    assert failures == []  # before the kill, nothing failed
    assert len(confirmed["created"]) >= 8 and confirmed["saved"], confirmed
    assert confirmed["cut off"] >= 1, "no request was in flight at the kill"

    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stories = dict(db.execute("SELECT id, version FROM content_story"))
        revisions = dict(
            db.execute("SELECT story_id, MAX(version) FROM content_revision GROUP BY story_id")
        )
    # Whole or absent: each story's current version has its revision.
    assert stories and {pk: revisions.get(pk) for pk in stories} == stories
    # Everything the server confirmed survived the kill.
    assert set(confirmed["created"]) <= set(stories)
    for story_id, version in confirmed["saved"].items():
        assert stories[story_id] >= version

    restarted = Server(env)
    try:
        client = desk_client(restarted, data["session"])
        created = client.post("/desk/stories/new/", data=form("After the restart"))
        assert created.status_code == 302
        page = client.get(created.headers["location"])
        assert page.status_code == 200 and "After the restart" in page.text
        some = client.get(f"/desk/stories/{confirmed['created'][0]}/")
        assert some.status_code == 200
        client.close()
    finally:
        restarted.kill(signal.SIGTERM)
