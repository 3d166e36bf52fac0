"""Section, tag and author pages after the desk, the API and the admin move a story between
lists: the pages a reader can open and the stories on each. The stories are days old, so
their pages are located from the per-day counts (today's are counted live): a count left
behind by a change shows as a page too many, a missing page or a story on the wrong page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Story
from tests.api.helpers import bearer, key_for, user_with_perms


@pytest.fixture(autouse=True)
def two_per_page(settings):
    settings.NEWSDESK_PAGE_SIZE = 2


def headlines(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def pages(client, path: str) -> list[list[str]]:
    """The headlines of every page of a list, following the pager's "next" links; the page
    after the last one is not found."""
    found, number = [], 1
    while True:
        url = path if number == 1 else f"{path}page/{number}/"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        found.append(headlines(html))
        number += 1
        if 'rel="next"' not in html:
            assert client.get(f"{path}page/{number}/").status_code == 404
            return found


def days_ago(n: int):
    return timezone.now() - timedelta(days=n, hours=1)


@pytest.fixture
def five_days(newsroom):
    """A story a day over five days, in one section, one tag and one writer's byline."""
    section, tag, person = newsroom.section("World"), newsroom.tag("Oil"), newsroom.person("Ana")
    stories = [
        newsroom.story(
            f"Day {n}",
            section=section,
            tags=[tag],
            bylines=[person],
            published_at=days_ago(n),
        )
        for n in range(1, 6)
    ]
    return section, tag, person, stories


def test_a_desk_bulk_move_moves_the_stories_between_section_pages(
    client, newsroom, five_days, editor
):
    world, _, _, stories = five_days
    sport = newsroom.section("Sport")
    client.force_login(editor)
    response = client.post(
        reverse("desk:bulk"),
        {"action": "section", "section": sport.pk, "stories": [stories[1].pk, stories[3].pk]},
    )
    assert response.status_code == 302
    client.logout()
    assert pages(client, f"/section/{world.slug}/") == [["Day 1", "Day 3"], ["Day 5"]]
    assert pages(client, f"/section/{sport.slug}/") == [["Day 2", "Day 4"]]


def test_a_tag_removed_in_the_desk_takes_the_story_off_the_tag_pages(client, five_days, editor):
    section, tag, person, stories = five_days
    assert pages(client, f"/tag/{tag.slug}/") == [["Day 1", "Day 2"], ["Day 3", "Day 4"], ["Day 5"]]
    story = stories[0]
    client.force_login(editor)
    response = client.post(
        reverse("desk:story-edit", args=[story.pk]),
        {
            "headline": story.headline,
            "standfirst": story.standfirst,
            "body": story.body,
            "kind": story.kind,
            "section": section.pk,
            "language": story.language,
            "featured_caption": "",
            "source_url": "",
            "bylines": [person.pk],
            "tags": "",
            "version": story.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Story.objects.get(pk=story.pk).tags.exists()
    client.logout()
    assert pages(client, f"/tag/{tag.slug}/") == [["Day 2", "Day 3"], ["Day 4", "Day 5"]]
    assert pages(client, "/blog/") == [["Day 1", "Day 2"], ["Day 3", "Day 4"], ["Day 5"]]


def test_a_byline_changed_through_the_api_moves_the_story_between_author_pages(
    client, newsroom, five_days, django_user_model
):
    _, _, ana, stories = five_days
    ben = newsroom.person("Ben")
    editor = user_with_perms(
        django_user_model, "api-editor", "change_story", "publish_story", "edit_others_story"
    )
    story = stories[2]
    response = client.patch(
        f"/api/stories/{story.pk}",
        {"bylines": [ben.slug], "version": story.version},
        content_type="application/json",
        **bearer(key_for(editor)),
    )
    assert response.status_code == 200, response.content
    assert pages(client, f"/author/{ana.slug}/") == [["Day 1", "Day 2"], ["Day 4", "Day 5"]]
    assert pages(client, f"/author/{ben.slug}/") == [["Day 3"]]


def test_tags_and_bylines_changed_in_the_admin_move_the_story_between_pages(
    client, newsroom, five_days, editor
):
    section, oil, ana, stories = five_days
    gas, ben = newsroom.tag("Gas"), newsroom.person("Ben")
    story = stories[4]
    byline = story.byline_set.get()
    client.force_login(editor)
    response = client.post(
        f"/admin/content/story/{story.pk}/change/",
        {
            "headline": story.headline,
            "slug": story.slug,
            "standfirst": story.standfirst,
            "body": story.body,
            "kind": story.kind,
            "language": story.language,
            "section": section.pk,
            "tags": [gas.pk],
            "featured_caption": "",
            "source_url": "",
            "base_version": story.version,
            "byline_set-TOTAL_FORMS": "1",
            "byline_set-INITIAL_FORMS": "1",
            "byline_set-MIN_NUM_FORMS": "0",
            "byline_set-MAX_NUM_FORMS": "1000",
            "byline_set-0-id": byline.pk,
            "byline_set-0-story": story.pk,
            "byline_set-0-person": ben.pk,
            "byline_set-0-position": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert pages(client, f"/tag/{oil.slug}/") == [["Day 1", "Day 2"], ["Day 3", "Day 4"]]
    assert pages(client, f"/tag/{gas.slug}/") == [["Day 5"]]
    assert pages(client, f"/author/{ana.slug}/") == [["Day 1", "Day 2"], ["Day 3", "Day 4"]]
    assert pages(client, f"/author/{ben.slug}/") == [["Day 5"]]
