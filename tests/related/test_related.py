"""Related stories: worked out when a story changes, shown on its page, live stories only."""

import re

import pytest
from django.core.management import call_command
from django.utils import dateformat, timezone

from newsdesk.content.models import Status
from newsdesk.content.services import publishing, revisions
from newsdesk.pagecache import store

FLOOD = (
    "<p>Rivers burst their banks around Kampala after a week of rain, and the relief agency "
    "asked for emergency funding to move families from the flooded districts.</p>"
)
MATCH = (
    "<p>The league leaders won the derby with a late goal, and the coach praised the "
    "defence after the match in the stadium.</p>"
)


def related_on(client, story) -> list[str]:
    page = client.get(story.get_absolute_url()).content.decode()
    block = re.search(r'<aside class="related".*?</aside>', page, re.S)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', block.group(0)) if block else []


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings):
    """The worker's part runs within the change, as if the worker took it at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def desk(newsroom):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    floods, football = newsroom.tag("Floods"), newsroom.tag("Football")
    stories = {
        "appeal": newsroom.story(
            "Kampala floods: relief agency appeals for funding",
            section=world,
            tags=[floods],
            body=FLOOD,
        ),
        "rain": newsroom.story(
            "More rain forecast for flooded Kampala districts",
            section=world,
            tags=[floods],
            body=FLOOD.replace("emergency funding", "boats"),
        ),
        "derby": newsroom.story(
            "Leaders win the derby", section=sport, tags=[football], body=MATCH
        ),
        "cup": newsroom.story("Coach praises defence", section=sport, tags=[football], body=MATCH),
    }
    call_command("related_rebuild", verbosity=0)
    return {"world": world, "floods": floods, "sport": sport, **stories}


def test_every_story_page_shows_stories_about_the_same_thing(client, desk):
    assert related_on(client, desk["appeal"])[0] == desk["rain"].headline
    assert related_on(client, desk["derby"])[0] == desk["cup"].headline


def test_each_related_line_links_the_story_and_names_its_section_and_day(client, desk):
    page = client.get(desk["appeal"].get_absolute_url()).content.decode()
    rain = desk["rain"]
    line = re.search(rf'<li><a href="{re.escape(rain.get_absolute_url())}">.*?</li>', page, re.S)
    assert line is not None
    assert f">{rain.headline}</a>" in line.group(0)
    day = dateformat.format(timezone.localtime(rain.published_at), "F j, Y")
    assert re.search(rf"World · <time datetime=\"[^\"]+\">{day}</time>", line.group(0))


def test_a_story_published_from_the_desk_gets_related_stories_and_joins_theirs(
    client, desk, editor, newsroom, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    related_on(client, desk["appeal"])  # cached as it is now
    assert store.find(desk["appeal"].get_absolute_url()) is not None
    draft = newsroom.story(
        "Kampala flood waters begin to fall",
        section=desk["world"],
        tags=[desk["floods"]],
        body=FLOOD,
        status=Status.DRAFT,
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/desk/stories/{draft.pk}/state/", {"to_state": "published"})
    assert response.status_code == 302
    client.logout()
    assert set(related_on(client, draft)[:2]) == {desk["appeal"].headline, desk["rain"].headline}
    # The page cached before shows the new story: purged by its related list's key.
    assert draft.headline in related_on(client, desk["appeal"])


def test_an_edit_changes_what_is_related(client, desk, editor, django_capture_on_commit_callbacks):
    story = desk["rain"]
    with django_capture_on_commit_callbacks(execute=True):
        revisions.save_story(
            story,
            {
                "headline": "Coach praises the league leaders' defence",
                "body": MATCH,
                "section": desk["sport"],
                "tags": [],
            },
            editor,
            base_version=story.version,
        )
    assert related_on(client, story)[0] in (desk["derby"].headline, desk["cup"].headline)
    assert story.headline not in related_on(client, desk["appeal"])[:1]


def test_hidden_stories_are_never_shown_as_related(
    client, desk, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(desk["rain"], editor)
    assert desk["rain"].headline not in related_on(client, desk["appeal"])
    assert client.get(desk["rain"].get_absolute_url()).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(desk["rain"], editor)
    assert related_on(client, desk["appeal"])[0] == desk["rain"].headline
