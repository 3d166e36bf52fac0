"""A prepared queryset runs its SQL, compiled once, with each call's own values: the same
rows as the queryset built with those values."""

from datetime import timedelta

import django
import pytest
from django.core import checks
from django.db import connection
from django.utils import timezone

from newsdesk.content.models import Story
from newsdesk.content.services import prepared
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import live_stories


def newest(now, section_id, ids, skip, size):
    stories = live_stories(now).filter(pk__in=ids).order_by("-published_at", "-id")
    if section_id is not None:
        stories = stories.filter(section_id=section_id)
    return stories.values_list("pk", "published_at")[skip : skip + size]


@pytest.fixture
def stories(newsroom):
    section = newsroom.section()
    now = timezone.now()
    return [
        newsroom.story(section=section if i % 2 else None, published_at=now - timedelta(hours=i))
        for i in range(-3, 12)  # three not yet live
    ]


def test_each_call_gets_the_rows_of_its_own_values(stories, django_assert_num_queries):
    prepared = Prepared(newest)
    section_id = next(s.section_id for s in stories if s.section_id)
    cases = []
    for hours in (0, 2, -5):
        for ids in ([s.pk for s in stories], [s.pk for s in stories[5:9]]):
            for section in (None, section_id):
                for skip, size in ((0, 3), (2, 5), (1, 100)):
                    now = timezone.now() + timedelta(hours=hours)
                    cases.append((now, section, ids, skip, size))
    for now, section, ids, skip, size in cases:
        values = {"now": now, "section_id": section, "ids": ids}
        expected = list(newest(**values, skip=skip, size=size))
        with django_assert_num_queries(1):
            rows = prepared.rows(**values, skip=Limit(skip), size=Limit(size))
        assert rows == expected
    # One shape per kind of values (with or without a section, each length of ids).
    assert len(prepared._local.shapes) == 4


def test_aggregates_wrap_the_compiled_sql(stories):
    prepared = Prepared(
        lambda now, section_id: (
            live_stories(now).values_list("pk"),
            Story.objects.filter(section_id=section_id).values_list("pk"),
        ),
        wrap="SELECT (SELECT COUNT(*) FROM ({0}) AS a), (SELECT COUNT(*) FROM ({1}) AS b)",
    )
    now, section_id = timezone.now(), next(s.section_id for s in stories if s.section_id)
    assert prepared.rows(now=now, section_id=section_id) == [
        (live_stories(now).count(), Story.objects.filter(section_id=section_id).count())
    ]


def test_a_shape_that_ignores_a_value_is_refused(db):
    with pytest.raises(ValueError, match="marker"):
        Prepared(lambda now, pk: Story.objects.filter(pk=pk).values_list("pk")).rows(
            now=timezone.now(), pk=1
        )


@pytest.mark.parametrize("use_tz", [True, False])
def test_dates_and_flags_come_back_as_the_orm_converts_them(stories, settings, use_tz):
    settings.USE_TZ = use_tz
    Story.objects.filter(pk=stories[0].pk).update(pinned=True, deleted_at=timezone.now())
    ids = [s.pk for s in stories]

    def read(ids):
        return (
            Story.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "published_at", "deleted_at", "pinned", "created_at")
        )

    prepared = Prepared(read)
    rows = prepared.rows(ids=ids)
    assert rows == list(read(ids))
    assert rows[0][3] is True and rows[1][3] is False and rows[1][2] is None
    assert (rows[0][1].tzinfo is not None) is use_tz
    if connection.vendor == "sqlite":  # SQLite's converters are done inline there
        (shape,) = prepared._local.shapes.values()
        assert shape.inline == ([3], [1, 2, 4])


def test_the_django_release_it_was_written_for_is_checked(monkeypatch):

    assert django.VERSION[:2] == prepared.WRITTEN_FOR
    assert [m for m in checks.run_checks() if m.id == "newsdesk.W001"] == []
    monkeypatch.setattr(django, "VERSION", (6, 0, 0, "final", 0))
    (warning,) = [m for m in checks.run_checks() if m.id == "newsdesk.W001"]
    assert "written for Django 5.2" in warning.msg
