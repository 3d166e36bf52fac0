"""A cached page deleted by a purge between nginx finding it (`try_files`) and opening it:
the reader gets the page from the app, never a 404 for a live page."""

import itertools
import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.concurrency.front import Front, free_port

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="needs Debian's nginx")


class App(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"<p>from the app</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def churn(page: Path, stop: threading.Event) -> None:
    """Write the page and purge it, over and over, as renders and purges do.

    The page stays a varying while before each purge, so that on a loaded machine, where
    this thread may run rarely, readers still find it sometimes present, sometimes gone,
    and sometimes vanishing under nginx."""
    page.parent.mkdir(parents=True, exist_ok=True)
    temporary = page.with_name(".index.html.tmp")
    lifetimes = itertools.cycle([0, 0.0005, 0.002, 0])
    while not stop.is_set():
        temporary.write_bytes(b"<p>from the cache</p>" * 200)
        temporary.chmod(0o644)
        temporary.rename(page)
        time.sleep(next(lifetimes))
        page.unlink()


def test_a_page_purged_while_nginx_opens_it_comes_from_the_app():
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-vanish-"))
    workdir.chmod(0o755)
    pagecache = workdir / "pagecache"
    pagecache.mkdir()
    app = ThreadingHTTPServer(("127.0.0.1", free_port()), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    front = Front(workdir, pagecache, upstream=f"127.0.0.1:{app.server_port}")
    front.start()
    stop = threading.Event()
    churner = threading.Thread(target=churn, args=(pagecache / "news/index.html", stop))
    statuses, answered_by = {}, {"cache": 0, "app": 0}
    try:
        churner.start()
        started = time.monotonic()
        with httpx.Client(base_url=front.url, timeout=5) as reader:
            # At least 3 s of readers; on a loaded machine, on until both paths were taken.
            while time.monotonic() - started < 3 or (
                min(answered_by.values()) == 0 and time.monotonic() - started < 30
            ):
                page = reader.get("/news/")
                statuses[page.status_code] = statuses.get(page.status_code, 0) + 1
                answered_by["cache" if "from the cache" in page.text else "app"] += 1
    finally:
        stop.set()
        churner.join()
        front.stop()
        app.shutdown()
        app.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
    assert set(statuses) == {200}, statuses
    # Both paths were taken: the race was really run, not one side only.
    assert answered_by["cache"] > 0 and answered_by["app"] > 0, answered_by
