"""Counts and pages of large result sets: estimated ("About 45 results") past a limit,
exact below it and on the last page; ties in rank ordered by recency across pages."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from newsdesk.content.models import Status
from newsdesk.search import services
from newsdesk.search.backends import database, postgres_slices
from tests.search.helpers import result_headlines, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    """A few stories stand in for the thousands where counting turns to estimating."""
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 12)
    monkeypatch.setattr(services, "RESULT_WINDOW", 30)


def test_large_result_sets_are_estimated_and_pages_capped(client, newsroom, small_limits):
    newsroom.archive(45)
    html = client.get("/search/", {"q": "archive"}).content.decode()
    assert "About 45 results for" in html
    assert ", page 1</p>" in html  # no "of N": the number of pages is a guess
    assert 'href="/search/?q=archive&amp;page=3"' in html
    assert 'href="/search/?q=archive&amp;page=2" rel="next"' in html
    third = client.get("/search/", {"q": "archive", "page": 3})
    assert len(result_headlines(third)) == 10
    assert 'rel="next"' not in third.content.decode()  # the reachable window ends here
    assert client.get("/search/", {"q": "archive", "page": 4}).status_code == 404


def test_the_estimate_leaves_out_hidden_stories_and_ends_exact(client, newsroom, small_limits):
    newsroom.archive(25)
    for i in range(30):
        newsroom.story(f"Archive draft {i}", status=Status.DRAFT)
    first = client.get("/search/", {"q": "archive"}).content.decode()
    estimate = int(first.split("About ")[1].split(" results")[0])
    assert 15 <= estimate <= 35  # a sample of every k-th story, drafts left out
    last = client.get("/search/", {"q": "archive", "page": 3})
    assert len(result_headlines(last)) == 5
    assert "25 results for" in last.content.decode()
    assert "page 3 of 3" in last.content.decode()
    assert "Archive draft" not in last.content.decode()


def test_small_result_sets_are_counted_exactly(client, newsroom, small_limits):
    newsroom.archive(4)
    newsroom.story("Archive draft", status=Status.DRAFT)
    html = client.get("/search/", {"q": "archive"}).content.decode()
    assert "4 results for" in html and "About" not in html


def test_equal_ranks_are_ordered_by_recency_across_pages(client, newsroom):
    now = timezone.now()
    ages = [5, 11, 2, 9, 0, 7, 3, 10, 1, 8, 6, 4]  # filed in an order unlike the dates
    for days in ages:
        # Same length, one "harvest" each: equal ranks, only the date tells them apart.
        newsroom.story(f"Harvest report {days}", published_at=now - timedelta(days=days))
    shown = search(client, "harvest") + search(client, "harvest", page=2)
    assert shown == [f"Harvest report {days}" for days in sorted(ages)]


@override_settings(ROOT_URLCONF="tests.search.test_desk_api_rebuild")
def test_the_api_says_when_the_total_is_an_estimate(client, newsroom, small_limits):
    newsroom.archive(45)
    data = client.get("/api/search/", {"q": "archive"}).json()
    assert data["total"] == 45 and data["total_is_estimate"] is True
    assert data["num_pages"] == 3 and len(data["results"]) == 10
    last = client.get("/api/search/", {"q": "archive", "page": 3}).json()
    assert last["total_is_estimate"] is True  # the window ends before the results do


def test_common_words_rank_the_newest_matches_first(client, newsroom, monkeypatch):
    now = timezone.now()
    for i in range(2):  # strong matches, filed first
        newsroom.story(f"Flood warning {i}", published_at=now - timedelta(days=30 + i))
    for i in range(3):  # weaker matches (the body only), filed later
        body = "<p>Rain and a flood in the valley.</p>"
        newsroom.story(f"Weather {i}", body=body, published_at=now - timedelta(hours=i))
    everything = ["Flood warning 0", "Flood warning 1", "Weather 0", "Weather 1", "Weather 2"]
    assert search(client, "flood") == everything
    monkeypatch.setattr(database, "RANK_WINDOW", 3)
    assert search(client, "flood") == everything[2:] + everything[:2]
    old_day = (now - timedelta(days=30)).date().isoformat()
    assert search(client, "flood", date_to=old_day) == ["Flood warning 0", "Flood warning 1"]


@pytest.mark.parametrize("exact_limit", [5, 1000])  # matches walked by date, or known by id
def test_newest_first_across_pages(client, newsroom, monkeypatch, exact_limit, editor):
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", exact_limit)
    now = timezone.now()
    ages = [5, 11, 2, 9, 0, 7, 3, 10, 1, 8, 6, 4]  # filed in an order unlike the dates
    for days in ages:
        newsroom.story(f"Harvest report {days}", published_at=now - timedelta(days=days))
    newsroom.story("Harvest draft", status=Status.DRAFT)
    shown = search(client, "harvest", sort="date") + search(client, "harvest", sort="date", page=2)
    assert shown == [f"Harvest report {days}" for days in sorted(ages)]
    client.force_login(editor)
    desk = client.get("/search/desk/", {"q": "harvest", "sort": "date", "page": 2})
    assert result_headlines(desk) == ["Harvest report 10", "Harvest report 11", "Harvest draft"]


def test_the_estimate_samples_old_and_new_stories_alike(client, newsroom, monkeypatch):
    # The newest matches are all recent, drafts among them: the estimate must not take
    # them for the whole archive, with or without a date filter.
    monkeypatch.setattr(database, "RANK_WINDOW", 5)
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 48)
    now = timezone.now()
    for i in range(40):
        newsroom.story(f"Harvest of year {i}", published_at=now - timedelta(days=800 + i))
    for i in range(40):
        newsroom.story(f"Weather of day {i}", published_at=now - timedelta(days=400 + i))
    for i in range(40):
        newsroom.story(f"Harvest of week {i}", published_at=now - timedelta(hours=i + 1))
        if i % 2:
            newsroom.story(f"Harvest draft {i}", status=Status.DRAFT)

    def estimate(**params):
        html = client.get("/search/", {"q": "harvest", **params}).content.decode()
        return int(re.search(r"About (\d+) results for", html).group(1))

    assert 60 <= estimate() <= 100  # 80 published
    old_day = (now - timedelta(days=700)).date().isoformat()
    assert 25 <= estimate(date_to=old_day) <= 55  # 40 published before it


def test_matches_spread_thinly_over_the_archive_are_all_found(client, newsroom, monkeypatch):
    # Tiny windows and slices: the newest matches are read a few story ids at a time.
    monkeypatch.setattr(postgres_slices, "FIRST_SLICE_PER_MATCH", 1)
    monkeypatch.setattr("newsdesk.search.backends.postgres.RANK_WINDOW", 3)
    monkeypatch.setattr(database, "RANK_WINDOW", 3)
    now = timezone.now()
    wanted = []
    for i in range(40):
        published = now - timedelta(hours=40 - i)
        if i in (0, 1, 7, 15, 16, 25, 33, 37):
            newsroom.story(f"Lighthouse log {i}", published_at=published)
            wanted.insert(0, f"Lighthouse log {i}")
        else:
            newsroom.story(f"Harbour note {i}", published_at=published)
    html = client.get("/search/", {"q": "lighthouse", "sort": "date"}).content.decode()
    assert "8 results for" in html
    assert search(client, "lighthouse", sort="date") == wanted
    assert sorted(search(client, "lighthouse")) == sorted(wanted)


def test_the_newest_window_is_ranked_then_filtered_in_rank_order(client, newsroom, monkeypatch):
    # More matches than the window, some of them drafts: the best of the window are shown
    # first, equal ranks newest first, hidden stories skipped, then the older matches.
    monkeypatch.setattr("newsdesk.search.backends.postgres.RANK_WINDOW", 60)
    monkeypatch.setattr(database, "RANK_WINDOW", 60)
    now = timezone.now()
    filed = []
    for i in range(80):
        strong = i % 5 == 0
        published = i % 4 != 1
        headline = f"Storm report {i}" if strong else f"Daily report {i}"
        body = "<p>A calm day.</p>" if strong else "<p>A storm passed.</p>"
        age = timedelta(hours=(i * 37) % 80 + 1)  # dates in an order unlike the filing
        newsroom.story(
            headline,
            body=body,
            status=Status.PUBLISHED if published else Status.DRAFT,
            published_at=now - age if published else None,
        )
        if published:
            filed.append((i, strong, age, headline))

    def best_first(stories):
        return [
            headline
            for _i, _strong, _age, headline in sorted(stories, key=lambda s: (not s[1], s[2]))
        ]

    window = [story for story in filed if story[0] >= 20]  # the newest 60 filed
    older = [story for story in filed if story[0] < 20]
    pages = [search(client, "storm", page=number) for number in range(1, 7)]
    assert [headline for page in pages for headline in page] == (
        best_first(window) + best_first(older)
    )


def test_an_estimate_read_with_the_next_slice_leaves_out_hidden_stories(
    client, newsroom, monkeypatch
):
    # Matches one story in three, and a first slice too narrow to hold the window: the
    # next slice and the count's sample are read together.
    monkeypatch.setattr(postgres_slices, "FIRST_SLICE_PER_MATCH", 1)
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 48)
    now = timezone.now()
    published = []
    for i in range(120):
        age = now - timedelta(hours=120 - i)
        if i % 3:
            newsroom.story(f"Weather note {i}", published_at=age)
        elif i % 2:
            newsroom.story(f"Harvest draft {i}", status=Status.DRAFT)
        else:
            newsroom.story(f"Harvest note {i}", published_at=age)
            published.insert(0, f"Harvest note {i}")
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    estimate = int(re.search(r"About (\d+) results for", html).group(1))
    assert 12 <= estimate <= 30  # 20 published, 20 drafts
    assert search(client, "harvest", sort="date") == published[:10]


@pytest.mark.parametrize("one_in", [3, 9])
def test_a_filter_that_passes_few_of_the_newest_matches_still_fills_its_pages(
    client, newsroom, monkeypatch, one_in
):
    # The ranking window of newest matches widens when the filter leaves less than a page
    # of it, however few pass: the pages are those an exhaustive ranking gives.
    sport, world = newsroom.section("Sport"), newsroom.section("World")
    now = timezone.now()
    newsroom.archive(150, start=now - timedelta(days=30))  # other words: "harvest" weighs
    strong = {n for n in range(80, 100) if n % (2 * one_in) == 0}  # "harvest" twice

    def headline(n):
        return f"Harvest note {n}: the harvest is in" if n in strong else f"Harvest note {n}"

    for n in range(100):
        newsroom.story(
            headline(n),
            section=sport if n % one_in == 0 else world,
            published_at=now - timedelta(hours=100 - n),
        )
    pages = [search(client, "harvest", section="sport", page=page) for page in (1, 2)]
    weak = [n for n in range(99, -1, -1) if n % one_in == 0 and n not in strong]
    best_first = sorted(strong, reverse=True) + weak
    assert sum(pages, []) == [headline(n) for n in best_first[:20]]
    monkeypatch.setattr("newsdesk.search.backends.postgres.RANK_WINDOW", 4)
    monkeypatch.setattr(database, "RANK_WINDOW", 30)
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 12)
    assert [search(client, "harvest", section="sport", page=page) for page in (1, 2)] == pages
