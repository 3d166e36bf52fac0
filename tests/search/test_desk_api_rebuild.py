"""Staff search over drafts, the content API's search and suggestions, and the rebuild."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import include, path
from ninja import NinjaAPI

from newsdesk.content.models import Status
from newsdesk.search.api import build_router
from newsdesk.search.backends import backend_for
from tests.search.helpers import result_headlines, search

pytestmark = pytest.mark.django_db

api = NinjaAPI(urls_namespace="search-test-api")
api.add_router("/search/", build_router())
urlpatterns = [path("api/", api.urls), path("", include("newsdesk.urls"))]


def test_desk_search_finds_drafts_for_staff_only(client, newsroom, editor):
    newsroom.story("Draft about the harbour", status=Status.DRAFT)
    newsroom.story("Harbour reopens")
    anonymous = client.get("/search/desk/", {"q": "harbour"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
    client.force_login(editor)
    response = client.get("/search/desk/", {"q": "harbour"})
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(result_headlines(response)) == ["Draft about the harbour", "Harbour reopens"]
    assert "Draft</span>" in html and "/admin/content/story/" in html


@override_settings(ROOT_URLCONF=__name__)
def test_api_search_returns_ranked_highlighted_results(client, newsroom):
    section = newsroom.section("World")
    newsroom.story("Ceasefire agreed", section=section, body="<p>A ceasefire was agreed.</p>")
    newsroom.story("Talks continue", standfirst="No ceasefire yet")
    newsroom.story("Ceasefire draft", status=Status.DRAFT)
    response = client.get("/api/search/", {"q": "ceasefire"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2 and data["num_pages"] == 1
    assert data["total_is_estimate"] is False
    assert [hit["headline"] for hit in data["results"]] == ["Ceasefire agreed", "Talks continue"]
    assert data["results"][0]["headline_html"] == "<mark>Ceasefire</mark> agreed"
    assert data["results"][0]["section"] == "World"
    assert data["results"][0]["url"].startswith("http://testserver/story/")
    filtered = client.get("/api/search/", {"q": "ceasefire", "section": "world"}).json()
    assert filtered["total"] == 1


@override_settings(ROOT_URLCONF=__name__)
def test_api_rejects_bad_filters_clearly(client, newsroom):
    assert client.get("/api/search/", {"q": "x", "section": "nope"}).status_code == 422
    assert client.get("/api/search/", {"q": "x", "sort": "nope"}).status_code == 422
    assert client.get("/api/search/", {"q": "x", "author": "a\x00"}).status_code == 422
    assert client.get("/api/search/", {"q": "x\x00 y"}).status_code == 200
    assert client.get("/api/search/suggest", {"q": "\x00" * 300}).json() == []
    assert client.get("/api/search/", {"q": "x", "date_from": "soon"}).status_code == 422
    assert client.get("/api/search/", {"q": "", "page": 1}).json()["total"] == 0


@override_settings(ROOT_URLCONF=__name__)
def test_suggestions_match_the_last_word_as_a_prefix(client, newsroom):
    newsroom.story("Parliament approves budget")
    newsroom.story("Parliamentary elections")
    newsroom.story("Park opens")
    newsroom.story("Parliament secret draft", status=Status.DRAFT)
    headlines = [s["headline"] for s in client.get("/api/search/suggest", {"q": "parl"}).json()]
    assert sorted(headlines) == ["Parliament approves budget", "Parliamentary elections"]
    narrowed = client.get("/api/search/suggest", {"q": "parliament bud"}).json()
    assert [s["headline"] for s in narrowed] == ["Parliament approves budget"]
    assert client.get("/api/search/suggest", {"q": '"*'}).json() == []


def test_rebuild_restores_an_emptied_index(client, newsroom):
    newsroom.story("Drought in the south")
    table = "newsdesk_search_fts" if connection.vendor == "sqlite" else "newsdesk_search_document"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    assert search(client, "drought") == []
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    assert f"Indexed 1 stories ({backend_for().vendor})" in out.getvalue()
    assert search(client, "drought") == ["Drought in the south"]


def test_content_events_repair_a_missing_entry(
    client, newsroom, django_capture_on_commit_callbacks
):
    """The change pipeline re-indexes a changed story, so an entry lost (a write that
    bypassed the services) comes back with the story's next change."""
    from newsdesk.content.services import publishing

    story = newsroom.story("Flood warning")
    table = "newsdesk_search_fts" if connection.vendor == "sqlite" else "newsdesk_search_document"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    assert search(client, "flood") == []
    with django_capture_on_commit_callbacks(execute=True):
        publishing.touch(story)
    assert search(client, "flood") == ["Flood warning"]
