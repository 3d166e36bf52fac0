"""The most-read lists refresh through the page cache without purging the pages showing them."""

import pytest

from newsdesk.pagecache import store
from newsdesk.readership import aggregation
from tests.readership.test_reads import BROWSER, read


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_new_reads_refresh_the_lists_and_leave_the_pages_cached(client, newsroom):
    first, second = newsroom.story("First story"), newsroom.story("Second story")
    pages = ["/", first.get_absolute_url(), second.get_absolute_url()]
    read(client, first)
    aggregation.aggregate(everything=True)
    for path in [*pages, "/most-read/", "/most-read/panel/"]:
        assert client.get(path).status_code == 200
        assert store.find(path) is not None, path
    assert client.get("/most-read/panel/")["X-Page-Cache"] == "hit"

    for address in ("198.51.100.1", "198.51.100.2"):
        read(client, second, address=address)
    aggregation.aggregate(everything=True)

    assert store.find("/most-read/panel/") is None  # purged: the order changed
    assert store.find("/most-read/") is None
    assert all(store.find(path) is not None for path in pages)  # not purged
    panel = client.get("/most-read/panel/", HTTP_USER_AGENT=BROWSER).content.decode()
    assert panel.index("Second story") < panel.index("First story")

    aggregation.aggregate(everything=True)  # nothing new: nothing purged
    assert store.find("/most-read/panel/") is not None
