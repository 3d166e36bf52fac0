"""No stampede: when a busy page is purged and many readers ask for it at once, through a
real threaded server, it is rendered once; every reader gets the new page."""

import threading
import urllib.request

import pytest
from django.utils import timezone

from newsdesk.content.models import Status
from newsdesk.content.services import publishing
from newsdesk.pagecache import stampede, store

READERS = 24
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def renders_of(path: str) -> int:
    """Each write of a page leaves index entries of its own (pagecache/store.py): one per
    key per render."""
    digest = store.digest(path)
    first_key = store.surrogate_keys(path).split()[0]
    return len(list((store.root() / "_keys" / first_key).glob(f"{digest}.*")))


def read_all_at_once(url: str) -> list[tuple[int, str]]:
    start = threading.Barrier(READERS)
    answers = [None] * READERS

    def read(index):
        start.wait()
        with urllib.request.urlopen(url, timeout=30) as response:
            answers[index] = (response.status, response.read().decode())

    readers = [threading.Thread(target=read, args=(i,)) for i in range(READERS)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    return answers


def test_a_purged_busy_page_is_rendered_once_for_readers_at_once(
    page_cache, live_server, newsroom, monkeypatch
):
    # However slow a loaded machine makes the render, no reader gives up waiting for it.
    monkeypatch.setattr(stampede, "RENDER_WAIT", 120)
    newsroom.story("Calm morning", published_at=timezone.now())
    urllib.request.urlopen(live_server.url + "/").read()  # cached
    assert renders_of("/") == 1

    breaking = newsroom.story("Breaking: dam gives way", status=Status.DRAFT)
    publishing.publish(breaking)  # committed at once: no test transaction around it
    assert store.find("/") is None  # the publish purged the home page

    answers = read_all_at_once(live_server.url + "/")
    assert {status for status, _ in answers} == {200}
    assert all("Breaking: dam gives way" in body for _, body in answers)
    assert len({body for _, body in answers}) == 1
    assert renders_of("/") == 1
