"""A web worker stays small: serving public pages does not load the wire's heavy libraries
(numpy/scipy/datasketch ≈ 70 MB, trafilatura/lxml ≈ 20 MB, httpx ≈ 10 MB, feedparser, Pillow);
they load when a job needs them. On SQLite, psycopg (≈ 14 MB) is not loaded at all.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = [
    "numpy",
    "scipy",
    "datasketch",
    "trafilatura",
    "lxml",
    "httpx",
    "psycopg",
    "feedparser",
    "PIL",
]

SERVE_PAGES = f"""
import io, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
from django.core.wsgi import get_wsgi_application
from django.core.management import call_command
app = get_wsgi_application()
call_command("migrate", verbosity=0)
for path in ("/", "/blog/", "/feeds/rss/", "/sitemap.xml", "/api/stories"):
    environ = {{"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "localhost",
               "SERVER_PORT": "80", "HTTP_HOST": "localhost", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr}}
    statuses = []
    b"".join(app(environ, lambda status, headers, exc=None: statuses.append(status)))
    assert statuses[0].startswith(("200", "301", "302")), (path, statuses)
print(" ".join(name for name in {HEAVY!r} if name in sys.modules))
"""


@pytest.mark.own_site
def test_serving_pages_loads_no_heavy_library(tmp_path):
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "NEWSDESK_HTTPS": "0",
        "NEWSDESK_PAGE_CACHE": "0",
        "DATABASE_URL": "",
        "CACHE_URL": "",
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-c", SERVE_PAGES],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"loaded by the web worker: {result.stdout.strip()}"


def test_the_wire_still_finds_its_libraries_when_it_needs_them(db):
    from newsdesk.wire.services import dedupe, extraction

    hashes = dedupe.shingle_hashes("one two three four five six seven eight nine ten eleven")
    assert len(dedupe.band_keys(hashes)) == dedupe.BANDS
    page = "<html lang='fr'><body><article><h1>Titre</h1><p>Un texte.</p></article></body></html>"
    assert extraction.extract(page)["language"] == "fr"
