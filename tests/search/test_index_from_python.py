"""The index is written from Python on the change pipeline: any database client can write
the story table, a story is found by the names it is filed under, and a renamed section
finds its stories under the new name."""

import sqlite3

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.models import Status, Story
from newsdesk.content.services import revisions
from tests.search.helpers import result_headlines, search


@pytest.mark.django_db(transaction=True)
def test_a_plain_database_client_can_update_stories_and_rebuild_repairs(client, newsroom):
    story = newsroom.story("Harbour reopens", section=newsroom.section("Local"))
    settings = connection.settings_dict
    sql = "UPDATE content_story SET headline = 'Harbour closes for storm' WHERE id = %s"
    if connection.vendor == "sqlite":
        plain = sqlite3.connect(settings["NAME"])  # no functions registered by Newsdesk
        plain.execute(sql.replace("%s", "?"), [story.pk])
        plain.commit()
        plain.close()
    else:
        with psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
        ) as plain:
            plain.execute(sql, [story.pk])
    call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert search(client, "storm") == ["Harbour closes for storm"]


def test_a_story_is_found_by_its_section_tags_bylines_and_sources(client, newsroom):
    war = newsroom.section("Russia Ukraine War")
    newsroom.story(
        "Grain convoy reaches Odesa",
        section=war,
        body="<p>The ships left at dawn.</p>",
        tags=[newsroom.tag("Black Sea")],
        sources=[newsroom.source("Kyiv Wire Service")],
        bylines=[newsroom.person("Olena Marchuk")],
    )
    newsroom.story("War of words in parliament", section=newsroom.section("Politics"))
    newsroom.story("Cooking with grain", section=newsroom.section("Food"))
    # The section's word: both stories, the headline that says it first.
    assert search(client, "war") == ["War of words in parliament", "Grain convoy reaches Odesa"]
    assert search(client, "Black Sea") == ["Grain convoy reaches Odesa"]
    assert search(client, "Kyiv") == ["Grain convoy reaches Odesa"]
    assert search(client, "Marchuk") == ["Grain convoy reaches Odesa"]


def test_renaming_a_section_in_the_admin_reindexes_its_stories(
    client, editor, newsroom, django_capture_on_commit_callbacks
):
    section = newsroom.section("Weather")
    newsroom.story("Snow closes the passes", section=section)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/content/section/{section.pk}/change/",
            {"name": "Climate", "slug": section.slug, "order": 0},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert search(client, "climate") == ["Snow closes the passes"]
    assert search(client, "weather") == []


def test_a_draft_written_on_the_desk_is_indexed(
    client, editor, newsroom, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = revisions.create_story(
            {"headline": "Secret budget plan", "body": "<p>Numbers to come.</p>"}, editor
        )
    assert story.status == Status.DRAFT
    client.force_login(editor)
    assert result_headlines(client.get("/search/desk/", {"q": "budget"})) == ["Secret budget plan"]


def test_the_demo_newsroom_is_searchable_by_its_section_names(
    client, db, django_capture_on_commit_callbacks
):
    """`war` finds the demo's "Russia Ukraine War" stories, as a reader would expect."""
    with django_capture_on_commit_callbacks(execute=True):
        build_newsroom(stories=40, pictures=1, days=30, seed=3)
    war_stories = Story.objects.filter(section__name="Russia Ukraine War", status=Status.PUBLISHED)
    assert war_stories.exists()
    found = search(client, "war")
    assert set(found) & set(war_stories.values_list("headline", flat=True))
