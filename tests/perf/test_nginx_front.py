"""The shipped nginx front (deploy/nginx/newsdesk.conf) serves cached pages without Python,
sends editors and query strings to the app, and stops serving a page once it is purged."""

import gzip
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from newsdesk.content.services import publishing
from newsdesk.pagecache import store
from tests.concurrency.front import Front

REPO = Path(__file__).resolve().parents[2]
NGINX_PORT, APP_PORT = 8391, 8392

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="needs Debian's nginx")


class StandInApp(BaseHTTPRequestHandler):
    """Where nginx sends what it must not answer from the cache."""

    def do_GET(self):
        if self.path.startswith("/media/"):
            # What the app answers for a picture a reader may see (newsdesk/urls.py media).
            self.send_response(200)
            self.send_header("X-Accel-Redirect", "/_media/" + self.path.removeprefix("/media/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"answered by the app"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def front(settings):
    # nginx's workers run as an unprivileged user: the cache must be readable by them, and
    # pytest's own tmp_path is private (0700).
    tmp_path = Path(tempfile.mkdtemp(prefix="newsdesk-front-"))
    tmp_path.chmod(0o755)
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    (tmp_path / "pagecache").mkdir()
    app = HTTPServer(("127.0.0.1", APP_PORT), StandInApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    front = Front(tmp_path, tmp_path / "pagecache", f"127.0.0.1:{APP_PORT}", NGINX_PORT)
    front.start()
    yield front.url
    front.stop()
    app.shutdown()
    app.server_close()
    shutil.rmtree(tmp_path, ignore_errors=True)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, dict(response.headers), response.read().decode()


def test_nginx_serves_cached_pages_and_forgets_purged_ones(
    front, client, newsroom, django_capture_on_commit_callbacks
):
    story = newsroom.story("Harbour reopens", published_at=timezone.now())
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200  # Newsdesk writes the page file
    assert store.find(url) is not None

    status, headers, body = get(front + url)
    assert status == 200 and headers["X-Page-Cache"] == "nginx"
    assert "Harbour reopens" in body and headers["Content-Type"].startswith("text/html")
    assert "ETag" in headers and "max-age=0" in headers["Cache-Control"]

    # Editors (a session cookie) and query strings never get the cached copy.
    assert get(front + url, Cookie="sessionid=abc")[2] == "answered by the app"
    assert get(front + url + "?preview=1")[2] == "answered by the app"
    # The index beside the pages is not reachable.
    assert get(front + "/_keys/")[2] == "answered by the app"

    story.headline = "Harbour stays shut"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.save_changes(story)
    assert get(front + url)[2] == "answered by the app"  # purged: nginx asks the app


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


def test_cached_pages_carry_the_apps_security_headers(front, client, newsroom):
    story = newsroom.story("Headers too", published_at=timezone.now())
    from_app = client.get(story.get_absolute_url())
    status, from_nginx, _ = get(front + story.get_absolute_url())
    assert status == 200 and from_nginx["X-Page-Cache"] == "nginx"
    for name in SECURITY_HEADERS:
        assert from_nginx.get(name) == from_app[name], name


def test_nginx_sends_the_media_file_the_app_allowed(front, settings):
    media = settings.NEWSDESK_PAGE_CACHE_DIR.parent / "media"
    media.mkdir()
    media.chmod(0o755)
    (media / "note.txt").write_text("the file itself")
    status, headers, body = get(front + "/media/note.txt")
    assert (status, body) == (200, "the file itself")
    assert headers["X-Content-Type-Options"] == "nosniff"
    # The internal location is reachable only through the app's answer.
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(front + "/_media/note.txt")
    assert refused.value.code == 404


def test_hsts_follows_the_scheme_as_the_apps_does():
    conf = (REPO / "deploy/nginx/newsdesk.conf").read_text()
    # includeSubDomains and preload are hard to undo: the operator adds them, as in the app.
    assert 'https "max-age=31536000";' in conf
    assert "add_header Strict-Transport-Security $newsdesk_hsts;" in conf


def test_nginx_takes_uploads_as_large_as_the_app_does():
    from newsdesk.content.services.media import MAX_UPLOAD_BYTES

    conf = (REPO / "deploy/nginx/newsdesk.conf").read_text()
    size = next(
        line.split()[1].rstrip(";")
        for line in conf.splitlines()
        if line.strip().startswith("client_max_body_size")
    )
    assert size.endswith("m") and int(size[:-1]) * 1024 * 1024 > MAX_UPLOAD_BYTES


def test_nginx_compresses_cached_pages(front, client, newsroom):
    newsroom.archive(12)
    assert client.get("/").status_code == 200  # Newsdesk writes the page file
    request = urllib.request.Request(front + "/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["X-Page-Cache"] == "nginx"
        assert response.headers["Content-Encoding"] == "gzip"
        packed = response.read()
    plain = get(front + "/")[2].encode()
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 3
