"""A whole Newsdesk site in real processes for concurrency tests and benchmarks:
`newsdesk serve` (granian, two worker processes) on a database and page cache of its own,
the shipped nginx front before it when nginx is installed, an editor's session and a write
API key, and published stories to work on."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

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


class NewsroomSite:
    """The site's processes (granian ×2, nginx when installed) and clients for them."""

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
