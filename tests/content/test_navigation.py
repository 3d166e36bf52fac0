"""The navigation's sections: kept in each process, and read again as soon as any process
changes a section (through the version in the shared cache)."""

from django.core.cache import cache

from newsdesk.content.models import Section
from newsdesk.content.services import navigation
from newsdesk.content.services.navigation import NAV_VERSION_KEY, nav_sections


def names():
    return [section.name for section in nav_sections()]


def test_the_navigation_follows_every_section_change(newsroom):
    world = newsroom.section("World", order=1)
    assert names() == ["World"]
    sport = newsroom.section("Sport", order=2)
    assert names() == ["World", "Sport"]
    world.name = "The World"
    world.save()
    assert names() == ["The World", "Sport"]
    sport.show_in_nav = False
    sport.save()
    assert names() == ["The World"]
    world.delete()
    assert names() == []


def test_a_change_made_by_another_process_is_seen(newsroom, django_assert_num_queries):
    newsroom.section("World")
    assert names() == ["World"]
    with django_assert_num_queries(0):
        assert names() == ["World"]  # kept
    # Another process saves a section: its signal gives the shared cache a new version.
    Section.objects.update(name="Elsewhere")
    cache.set(NAV_VERSION_KEY, "another process's version", None)
    assert names() == ["Elsewhere"]


def test_a_change_that_skips_signals_shows_after_five_minutes(newsroom, monkeypatch):
    newsroom.section("World")
    assert names() == ["World"]
    Section.objects.update(name="Elsewhere")
    assert names() == ["World"]
    later = navigation.time.monotonic() + navigation.NAV_MAX_AGE + 1
    monkeypatch.setattr(navigation.time, "monotonic", lambda: later)
    assert names() == ["Elsewhere"]
