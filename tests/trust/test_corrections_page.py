"""/corrections/ lists every public correction and update, newest first, a page at a time,
with its feed; the page cache keeps them and a new note purges them."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from newsdesk.content.models import Correction, Status
from newsdesk.content.services import corrections
from newsdesk.trust import corrections as listing

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def notes(newsroom):
    live = newsroom.story("Dam opened")
    draft = newsroom.story("Secret draft", status=Status.DRAFT)
    now = timezone.now()
    made = []
    for n in range(5):
        note = Correction.objects.create(story=live, text=f"Fix number {n}")
        Correction.objects.filter(pk=note.pk).update(created_at=now - timedelta(hours=5 - n))
        made.append(note)
    Correction.objects.create(story=draft, text="Not for readers")
    return made


def test_newest_first_paged_and_only_live_stories(client, notes, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    first = client.get("/corrections/").content.decode()
    assert first.index("Fix number 4") < first.index("Fix number 3")
    assert "Fix number 2" not in first and 'rel="next"' in first
    third = client.get("/corrections/page/3/").content.decode()
    assert "Fix number 0" in third and "Not for readers" not in third
    assert client.get("/corrections/page/4/").status_code == 404
    assert client.get("/corrections/page/1/").status_code == 301


def test_the_feed_lists_the_notes_newest_first(client, notes):
    response = client.get("/corrections/feed/")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "Correction: Dam opened" and len(titles) == 5
    summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]
    assert "Not for readers" not in summaries


def test_a_new_note_purges_the_cached_corrections_page(
    client, newsroom, editor, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    story = newsroom.story("Bridge closed")
    client.get("/corrections/")
    assert client.get("/corrections/").headers.get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        corrections.add_note(story, "correction", "It was the north bridge.", editor)
    response = client.get("/corrections/")
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "It was the north bridge." in response.content.decode()
