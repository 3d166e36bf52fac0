"""?tag= and ?author= read only the days a page can reach (from the per-day counts): every
page must still hold exactly the stories a plain "newest first" query would give."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from newsdesk.content.models import PageCount, Status, Story
from newsdesk.content.services import pagecounts, publishing


def walk(client, query: str) -> list[int]:
    """Every story id of the list, page after page."""
    seen, url = [], f"/api/stories?{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
    return seen


def newest_first(stories) -> list[int]:
    return [s.pk for s in sorted(stories, key=lambda s: (s.published_at, s.pk), reverse=True)]


@pytest.fixture
def linked(newsroom):
    """A tag's and an author's stories spread over many days, among unlinked ones, with
    drafts, trashed, unpublished and scheduled stories that no page may show."""
    tag, person = newsroom.tag("Oil"), newsroom.person("Ana")
    links = {"tags": [tag], "bylines": [person]}
    now = timezone.now()
    live = []
    for days in (0, 0, 1, 2, 2, 2, 5, 9, 9, 30, 31, 200):
        at = now - timedelta(days=days, minutes=5 + days)
        live.append(newsroom.story(f"{days} days ago", published_at=at, **links))
        newsroom.story("Not linked", published_at=at - timedelta(minutes=1))
    newsroom.story("Draft", status=Status.DRAFT, **links)
    gone = newsroom.story("Trashed", published_at=now - timedelta(days=3), **links)
    publishing.set_deleted(gone, now)  # the trash, as the desk does it
    newsroom.story("Pulled", status=Status.UNPUBLISHED, published_at=now - timedelta(days=4))
    for hours in (1, 30):  # later today (perhaps) and tomorrow: not live yet
        newsroom.story(
            "Embargoed", status=Status.SCHEDULED, published_at=now + timedelta(hours=hours), **links
        )
    return tag, person, live


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 20])
@pytest.mark.parametrize("kind", ["tag", "author"])
def test_every_page_of_a_tag_or_author_holds_the_right_stories(client, linked, kind, limit):
    tag, person, live = linked
    slug = tag.slug if kind == "tag" else person.slug
    assert walk(client, f"{kind}={slug}&limit={limit}") == newest_first(live)


def test_dates_bounds_with_a_tag(client, linked):
    tag, _, live = linked
    now = timezone.now()
    for before, after in [
        (now + timedelta(days=400), None),  # a bound in the future counts no later day
        (now - timedelta(days=2), None),
        (now - timedelta(days=9, hours=1), now - timedelta(days=60)),
        (None, now - timedelta(days=9, hours=1)),
    ]:
        query = f"tag={tag.slug}&limit=2"
        if before:
            query += f"&published_before={before:%Y-%m-%dT%H:%M:%SZ}"
        if after:
            query += f"&published_after={after:%Y-%m-%dT%H:%M:%SZ}"
        expected = [
            s
            for s in live
            if (before is None or s.published_at < before.replace(microsecond=0))
            and (after is None or s.published_at > after.replace(microsecond=0))
        ]
        assert walk(client, query) == newest_first(expected), query


def test_tag_with_other_filters_and_unknown_slugs(client, newsroom, linked):
    tag, person, live = linked
    world = newsroom.section("World")
    Story.objects.filter(pk__in=[s.pk for s in live[::3]]).update(section=world)
    in_world = live[::3]
    assert walk(client, f"tag={tag.slug}&section={world.slug}&limit=1") == newest_first(in_world)
    assert walk(client, f"tag={tag.slug}&author={person.slug}&limit=2") == newest_first(live)
    assert walk(client, "tag=no-such-tag") == []
    assert walk(client, "author=no-such-person") == []


@pytest.mark.parametrize("kind", ["tag", "author"])
def test_counts_out_of_date_cost_speed_not_stories(client, linked, kind):
    """Writes that skip the content services leave the day counts wrong until `newsdesk
    recount-pages`: too high, they would cut pages short; the list is then read whole."""
    tag, person, live = linked
    key = pagecounts.tag_key(tag.pk) if kind == "tag" else pagecounts.author_key(person.pk)
    PageCount.objects.filter(list_key=key).update(stories=F("stories") + 5)
    slug = tag.slug if kind == "tag" else person.slug
    assert walk(client, f"{kind}={slug}&limit=2") == newest_first(live)
