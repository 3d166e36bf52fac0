"""The PostgreSQL engine reads wide ranges of story ids by markers inside its GIN index
(backends/postgres_slices.py): what it finds that way is what reading the ids finds."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.content.models import Status, Story
from newsdesk.search.backends import database, postgres_slices
from newsdesk.search.backends.postgres_index import ID_MARKER_BITS
from newsdesk.search.backends.postgres_slices import id_markers
from tests.search.helpers import search


def marked_ids(markers: str) -> set[int]:
    ids = set()
    for marker in re.findall(r"'#(\d+):(\d+)'", markers):
        bits, number = map(int, marker)
        ids.update(range(number << bits, (number + 1) << bits))
    return ids


@given(st.integers(0, 3_000_000), st.integers(1, 400_000))
def test_the_markers_of_a_range_cover_it_and_little_else(low, width):
    covered = marked_ids(id_markers([(low, low + width)]))
    assert set(range(low, low + width)) <= covered
    # At most one finest stretch too many at each end.
    assert len(covered) - width < 2 << min(ID_MARKER_BITS)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own")
def test_matches_read_by_their_markers_are_those_read_by_id(client, newsroom, monkeypatch):
    # Stories filed across several marked stretches of ids, a few hidden among them.
    now = timezone.now()
    published = []
    for n in range(48):
        if n % 2 == 0:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "(SELECT coalesce(max(id), 1) FROM content_story) + 300)",
                    [Story._meta.db_table],
                )
        if n % 7 == 3:
            newsroom.story(f"Harvest draft {n}", status=Status.DRAFT)
        elif n % 3:
            newsroom.story(f"Harvest note {n}", published_at=now - timedelta(hours=100 - n))
            published.insert(0, f"Harvest note {n}")
        else:
            newsroom.story(f"Weather note {n}", published_at=now - timedelta(hours=100 - n))
    monkeypatch.setattr(postgres_slices, "FIRST_SLICE_PER_MATCH", 1)
    monkeypatch.setattr("newsdesk.search.backends.postgres.RANK_WINDOW", 4)
    monkeypatch.setattr(database, "RANK_WINDOW", 4)

    def everything():
        return [
            search(client, "harvest", sort=sort, page=page)
            for sort in ("relevance", "date")
            for page in (1, 2, 3)
        ]

    by_id = everything()
    assert sum(by_id[3:], []) == published  # newest first
    assert sorted(sum(by_id[:3], [])) == sorted(published)
    monkeypatch.setattr(postgres_slices, "MARKED_RANGE", 1)
    assert everything() == by_id
    # The count's sample in marked stretches: the estimate stays near the truth.
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 20)
    monkeypatch.setattr(postgres_slices, "SAMPLE_STRETCHES_FROM", 0)
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    estimate = int(re.search(r"About (\d+) results for", html).group(1))
    assert len(published) / 2 <= estimate <= len(published) * 2


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own")
def test_stories_filed_or_removed_after_a_search_are_found_as_they_are(client, newsroom):
    # A process keeps the index's bounds between searches: the next search must still see
    # a story filed after them (above the old highest id), and no longer count one removed
    # below the old lowest.
    now = timezone.now()
    oldest = newsroom.story("Lantern oldest", published_at=now - timedelta(days=9))
    for n in range(3):
        newsroom.story(f"Lantern note {n}", published_at=now - timedelta(days=5 - n))
    assert search(client, "lantern", sort="date") == [
        "Lantern note 2",
        "Lantern note 1",
        "Lantern note 0",
        "Lantern oldest",
    ]
    with connection.cursor() as cursor:  # ids well above the bounds read so far
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "(SELECT max(id) FROM content_story) + 5000)",
            [Story._meta.db_table],
        )
    newsroom.story("Lantern latest", published_at=now - timedelta(hours=1))
    oldest.delete()
    assert search(client, "lantern", sort="date") == [
        "Lantern latest",
        "Lantern note 2",
        "Lantern note 1",
        "Lantern note 0",
    ]
    assert "4 results for" in client.get("/search/", {"q": "lantern"}).content.decode()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own")
def test_a_sample_whose_rows_are_each_checked_counts_what_the_index_finds(
    client, newsroom, monkeypatch
):
    # A common word's count sample is a few narrow id ranges; their rows are each checked
    # rather than found through the index, and the estimate must not change with it.
    now = timezone.now()
    for n in range(90):
        newsroom.story(
            f"Harvest note {n}" if n % 3 else f"Weather note {n}",
            status=Status.DRAFT if n % 7 == 3 else Status.PUBLISHED,
            published_at=now - timedelta(hours=n),
        )
    monkeypatch.setattr(postgres_slices, "FIRST_SLICE_PER_MATCH", 2)
    monkeypatch.setattr(database, "EXACT_COUNT_LIMIT", 5)
    monkeypatch.setattr(database, "COUNT_SAMPLE", 12)
    estimates = []
    for walked_below in (0, 1 << 30):  # found through the index, then checked row by row
        monkeypatch.setattr(postgres_slices, "WALKED_SAMPLE", walked_below)
        html = client.get("/search/", {"q": "harvest"}).content.decode()
        estimates.append(int(re.search(r"About (\d+) results for", html).group(1)))
    assert estimates[0] == estimates[1]
    assert 25 <= estimates[1] <= 100  # 52 published stories say "harvest"
