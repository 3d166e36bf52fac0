"""The public search page as a reader sees it, on whichever database the run uses."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from newsdesk.content.models import Person, Status, Story
from newsdesk.content.services import publishing
from newsdesk.search.forms import SearchForm
from tests.search.helpers import result_headlines, search

pytestmark = pytest.mark.django_db


def test_empty_query_shows_a_hint_and_runs_nothing(client, newsroom):
    newsroom.story("Oil prices rise")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "   "})
    assert not [q for q in queries if "newsdesk_search" in q["sql"]]
    html = response.content.decode()
    assert response.status_code == 200
    assert "Type a word" in html
    assert result_headlines(response) == []
    assert 'name="robots" content="noindex' in html


def test_headline_outranks_standfirst_outranks_body(client, newsroom):
    now = timezone.now()
    newsroom.story("Weather report", body="<p>The reservoir is full.</p>", published_at=now)
    newsroom.story(
        "Water news", standfirst="The reservoir level", published_at=now - timedelta(hours=1)
    )
    newsroom.story("Reservoir opens", published_at=now - timedelta(hours=2))
    assert search(client, "reservoir") == ["Reservoir opens", "Water news", "Weather report"]


def test_recent_stories_break_ties_and_date_sort(client, newsroom):
    now = timezone.now()
    for days in (3, 1, 2):
        newsroom.story(f"Harvest day {days}", published_at=now - timedelta(days=days))
    assert search(client, "harvest") == ["Harvest day 1", "Harvest day 2", "Harvest day 3"]
    newsroom.story("Harvest harvest harvest", published_at=now - timedelta(days=9))
    assert search(client, "harvest", sort="date")[0] == "Harvest day 1"


def test_snippet_highlights_matched_words_and_escapes_text(client, newsroom):
    newsroom.story(
        "Budget <b>vote</b>",
        body="<p>" + "filler words here. " * 30 + "The parliament approved the budget.</p>",
    )
    html = client.get("/search/", {"q": "parliament"}).content.decode()
    assert "<mark>parliament</mark>" in html
    assert "Budget &lt;b&gt;vote&lt;/b&gt;" in html
    assert "1 result for" in html


def test_inline_markup_inside_a_word_keeps_the_word_whole(client, newsroom):
    # Bold or italic over part of a word is one word to a reader, and so to search.
    newsroom.story("Port news", body="<p>Harbour p<b>ilot</b>s strike at dawn.</p>")
    assert search(client, "pilots") == ["Port news"]
    html = client.get("/search/", {"q": "pilots"}).content.decode()
    assert "<mark>pilots</mark>" in html
    assert search(client, "ilot") == []


def test_phrase_exclusion_and_or(client, newsroom):
    newsroom.story("Supreme leader speaks")
    newsroom.story("Leader of the supreme court")
    newsroom.story("Oil exports fall")
    newsroom.story("Gas exports rise")
    newsroom.story("Wheat exports steady")
    assert search(client, '"supreme leader"') == ["Supreme leader speaks"]
    assert sorted(search(client, "exports oil OR gas")) == ["Gas exports rise", "Oil exports fall"]
    assert sorted(search(client, "exports -wheat -gas")) == ["Oil exports fall"]


def test_all_words_must_match(client, newsroom):
    newsroom.story("Tehran stock market")
    newsroom.story("Tehran traffic")
    assert search(client, "tehran market") == ["Tehran stock market"]


def test_persian_arabic_russian_and_diacritics(client, newsroom):
    newsroom.story("نشست وزیران در تهران", body="<p>می‌خواهم بدانم.</p>")
    newsroom.story("كَتَبَ الوزير رسالة")
    newsroom.story("Президент России заявил")
    newsroom.story("Café owners protest")
    assert search(client, "تهران") == ["نشست وزیران در تهران"]
    assert search(client, "كتب") == ["كَتَبَ الوزير رسالة"]
    assert search(client, "الوزير") == ["كَتَبَ الوزير رسالة"]
    assert search(client, "россии") == ["Президент России заявил"]
    assert search(client, "cafe") == ["Café owners protest"]
    assert search(client, "CAFÉ") == ["Café owners protest"]


def test_english_stemming(client, newsroom):
    newsroom.story("Protesters were running through the streets")
    assert search(client, "run") == ["Protesters were running through the streets"]
    assert search(client, "protester") == ["Protesters were running through the streets"]


def test_filters_section_author_source_dates(client, newsroom):
    politics, sport = newsroom.section("Politics"), newsroom.section("Sport")
    reporter, agency = newsroom.person("Sara Ahmadi"), newsroom.source("IRNA")
    now = timezone.now()
    newsroom.story("Election result", section=politics, bylines=[reporter], published_at=now)
    newsroom.story("Election football", section=sport, sources=[agency], published_at=now)
    newsroom.story("Election history", section=politics, published_at=now - timedelta(days=40))
    assert sorted(search(client, "election", section="politics")) == [
        "Election history",
        "Election result",
    ]
    assert search(client, "election", author=reporter.slug) == ["Election result"]
    assert search(client, "election", source=agency.slug) == ["Election football"]
    old_day = (now - timedelta(days=40)).date().isoformat()
    assert search(client, "election", date_from=old_day, date_to=old_day) == ["Election history"]
    since = (now - timedelta(days=1)).date().isoformat()
    assert len(search(client, "election", date_from=since)) == 2


def test_bad_filters_are_reported_and_ignored(client, newsroom):
    newsroom.story("Election result")
    response = client.get(
        "/search/", {"q": "election", "section": "nope", "date_from": "yesterday", "sort": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert result_headlines(response) == ["Election result"]
    assert "Enter a valid date." in html
    assert "Select a valid choice" in html


def test_paginated_like_the_archive(client, newsroom):
    newsroom.archive(23)
    first = client.get("/search/", {"q": "archive"})
    assert len(result_headlines(first)) == 10
    html = first.content.decode()
    assert "23 results" in html
    assert 'href="/search/?q=archive&amp;page=2" rel="next"' in html
    third = client.get("/search/", {"q": "archive", "page": 3})
    assert len(result_headlines(third)) == 3
    assert client.get("/search/", {"q": "archive", "page": 4}).status_code == 404
    assert client.get("/search/", {"q": "archive", "page": "x"}).status_code == 404


def test_drafts_are_never_in_public_results(client, newsroom, editor):
    newsroom.story("Secret draft plan", status=Status.DRAFT)
    newsroom.story(
        "Future plan", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(1)
    )
    assert search(client, "plan") == []
    client.force_login(editor)
    assert search(client, "plan") == []  # the public page is the public view, staff or not


def test_the_index_follows_publish_update_unpublish(
    client, newsroom, django_capture_on_commit_callbacks
):
    story = newsroom.story("Embassy talks", status=Status.DRAFT)
    assert search(client, "embassy") == []
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story)
    assert search(client, "embassy") == ["Embassy talks"]
    story.headline = "Consulate talks"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.save_changes(story)
    assert search(client, "embassy") == []
    assert search(client, "consulate") == ["Consulate talks"]
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(story)
    assert search(client, "consulate") == []


def test_bulk_inserted_and_deleted_stories_follow_after_a_rebuild(client):
    """Writes that bypass the services (bulk SQL) are indexed by `search-rebuild`."""
    now = timezone.now()
    Story.objects.bulk_create(
        Story(headline=f"Bulk quake report {i}", status=Status.PUBLISHED, published_at=now)
        for i in range(5)
    )
    call_command("search_rebuild", stdout=io.StringIO())
    assert len(search(client, "quake")) == 5
    Story.objects.filter(headline__endswith="3").delete()
    Story.objects.filter(headline__endswith="4").update(headline="Bulk storm report")
    call_command("search_rebuild", stdout=io.StringIO())
    assert len(search(client, "quake")) == 3
    assert search(client, "storm") == ["Bulk storm report"]


def test_filter_choices_list_sections_people_and_sources_as_they_are_now(client, newsroom):
    newsroom.section("Politics")
    newsroom.person("Sara Ahmadi")
    newsroom.story("Election result")
    first = client.get("/search/", {"q": "election", "section": "politics"}).content.decode()
    assert '<option value="politics" selected>Politics</option>' in first
    assert '<option value="sara-ahmadi">Sara Ahmadi</option>' in first
    newsroom.section("Sport")
    newsroom.source("IRNA")
    later = client.get("/search/", {"q": "election"}).content.decode()
    assert '<option value="sport">Sport</option>' in later
    assert '<option value="irna">IRNA</option>' in later
    assert '<option value="politics">Politics</option>' in later


def test_filter_choices_follow_any_change_and_the_language_they_are_read_in(client, newsroom):
    """A select is kept as rendered by everything it is made of: a name changed by a plain
    UPDATE (no change event hears it), the value chosen, and the language all show at once."""
    sara = newsroom.person("Sara Ahmadi")
    newsroom.story("Election result")

    def page(**params):
        return client.get("/search/", {"q": "election", **params}).content.decode()

    assert '<option value="sara-ahmadi">Sara Ahmadi</option>' in page()
    assert '<option value="sara-ahmadi" selected>Sara Ahmadi</option>' in page(author=sara.slug)
    Person.objects.filter(pk=sara.pk).update(name="Sara Ahmadi-Karimi")
    assert '<option value="sara-ahmadi">Sara Ahmadi-Karimi</option>' in page()
    assert '<option value="" selected>All sections</option>' in page()
    assert '<option value="date" selected>Newest first</option>' in page(sort="date")
    with translation.override("fa"):
        form = SearchForm({"q": "election", "sort": "date"})
        persian = str(form["section"]) + str(form["sort"])
    assert '<option value="" selected>همهٔ سرویس‌ها</option>' in persian
    assert '<option value="date" selected>جدیدترین اول</option>' in persian
