"""The page cache: hits, exact purges on content events, validators, editors bypass it."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Status, Story
from newsdesk.content.services import publishing
from newsdesk.pagecache import purge, store


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.NEWSDESK_PAGE_SIZE = 3
    # Plain HTTP and unhashed static names, whatever the environment the run started in.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return settings.NEWSDESK_PAGE_CACHE_DIR


@pytest.fixture
def site(newsroom):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    tag = newsroom.tag("Oil")
    now = timezone.now()
    stories = [
        newsroom.story(
            f"World story {i}",
            section=world,
            tags=[tag] if i == 4 else [],
            published_at=now - timedelta(hours=i + 1),
        )
        for i in range(9)
    ]
    sport_story = newsroom.story("Sport story", section=sport, published_at=now - timedelta(days=3))
    return {
        "world": world,
        "sport": sport,
        "tag": tag,
        "stories": stories,
        "sport_story": sport_story,
    }


def cached(path):
    return store.find(path) is not None


def warm(client, paths):
    for path in paths:
        assert client.get(path).status_code == 200, path
        assert cached(path), path


def test_second_read_is_a_hit_with_validators(client, site):
    story = site["stories"][0]
    url = story.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert f"story-{story.pk}" in second["Surrogate-Key"].split()
    assert "public" in second["Cache-Control"] and "s-maxage" in second["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=second["Last-Modified"]).status_code == 304
    assert client.get(url + "?utm=1").get("X-Page-Cache") is None  # query strings: no cache


def test_update_purges_exactly_what_shows_the_story(
    client, site, django_capture_on_commit_callbacks
):
    stories, world, sport = site["stories"], site["world"], site["sport"]
    target = stories[4]  # page 2 of the archive and of World, on the Oil tag page
    paths = {
        "story": target.get_absolute_url(),
        "related": stories[0].get_absolute_url(),  # lists it under "more from World"
        "other_story": stories[8].get_absolute_url(),
        "sport_story": site["sport_story"].get_absolute_url(),
        "home": "/",
        "archive1": "/blog/",
        "archive2": "/blog/page/2/",
        "archive3": "/blog/page/3/",
        "world1": world.get_absolute_url(),
        "world2": f"{world.get_absolute_url()}page/2/",
        "sport": sport.get_absolute_url(),
        "tag": site["tag"].get_absolute_url(),
    }
    warm(client, paths.values())
    target.headline = "A corrected headline"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.save_changes(target)
    purged = {name for name, path in paths.items() if not cached(path)}
    assert purged == {"story", "related", "home", "archive2", "world2", "tag"}
    for name in ("story", "archive2", "world2", "tag", "home"):
        page = client.get(paths[name]).content.decode()
        if name != "home":
            assert "A corrected headline" in page, name
        assert "World story 4" not in page


def test_publish_and_unpublish_purge_from_the_story_position(
    client, site, newsroom, django_capture_on_commit_callbacks
):
    stories, world, sport = site["stories"], site["world"], site["sport"]
    paths = [
        "/blog/",
        "/blog/page/2/",
        "/blog/page/3/",
        "/blog/page/4/",
        world.get_absolute_url(),
        sport.get_absolute_url(),
        stories[1].get_absolute_url(),
    ]
    warm(client, paths)
    # Unpublishing the 6th newest story shifts archive pages 2 on (3 per page), not page 1.
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(stories[5])
    assert [cached(p) for p in paths] == [True, False, False, False, True, True, True]
    assert "World story 5" not in client.get("/blog/page/2/").content.decode()
    assert client.get("/blog/page/4/").status_code == 404  # nine stories left: three pages
    paths.remove("/blog/page/4/")
    warm(client, paths)
    draft = newsroom.story("Breaking news", section=sport, status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft)
    assert [cached(p) for p in paths] == [False, False, False, True, False, True]
    assert "Breaking news" in client.get("/blog/").content.decode()
    assert "Breaking news" in client.get(sport.get_absolute_url()).content.decode()


def test_a_page_purged_the_moment_it_was_written_is_still_served(client, site, monkeypatch):
    """A purge from another process can remove a page between its write and the response:
    the reader still gets the page (without the cache's validators), never an error."""
    write = store.write

    def write_then_purge(path, *args):
        written = write(path, *args)
        store.purge_keys([purge.story_key(site["stories"][0].pk)])
        return written

    monkeypatch.setattr(store, "write", write_then_purge)
    story = site["stories"][0]
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert story.headline.encode() in response.content
    assert "ETag" not in response and not cached(story.get_absolute_url())


def test_editors_always_get_fresh_pages(client, site, editor):
    story = site["stories"][0]
    url = story.get_absolute_url()
    warm(client, [url])
    Story.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    client.force_login(editor)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Changed behind the cache" in response.content.decode()


def test_a_scheduled_story_appears_at_its_time_on_cached_pages(
    client, site, newsroom, django_capture_on_commit_callbacks
):
    warm(client, ["/", "/blog/"])
    soon = timezone.now() + timedelta(seconds=1.5)
    story = newsroom.story("Embargoed report", status=Status.DRAFT, section=site["world"])
    with django_capture_on_commit_callbacks(execute=True):  # scheduled as the desk does
        publishing.publish(story, at=soon)
    assert "Embargoed report" not in client.get("/blog/").content.decode()
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert "Embargoed report" in client.get("/blog/").content.decode()
    assert "Embargoed report" in client.get("/").content.decode()


def test_a_scheduled_story_appears_at_its_time_in_the_news_sitemap(
    client, site, newsroom, django_capture_on_commit_callbacks
):
    """Apart from the pages' test above: a page's request would purge for the story first."""
    client.get("/sitemap-news.xml")
    soon = timezone.now() + timedelta(seconds=1.5)
    story = newsroom.story("Embargoed report", status=Status.DRAFT, section=site["world"])
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story, at=soon)
    assert "Embargoed report" not in client.get("/sitemap-news.xml").content.decode()
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert "Embargoed report" in client.get("/sitemap-news.xml").content.decode()


def test_not_found_and_redirects_are_not_cached(client, site):
    story = site["stories"][0]
    assert client.get("/blog/page/99/").status_code == 404
    assert not cached("/blog/page/99/")
    assert client.get(f"/story/{story.pk}/wrong-slug/").status_code == 301
    assert not cached(f"/story/{story.pk}/wrong-slug/")


def test_an_edit_purges_what_shows_the_story_and_nothing_else(
    client, site, django_capture_on_commit_callbacks
):
    """An edit (desk, API or admin: all save through publishing.save_changes) purges the
    pages that show the story after commit; a page that does not show it stays cached."""
    story, unrelated = site["stories"][0], site["sport_story"]
    warm(client, [story.get_absolute_url(), unrelated.get_absolute_url(), "/blog/"])
    story.headline = "Edited in the admin"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.save_changes(story)
    assert cached(unrelated.get_absolute_url())
    assert "Edited in the admin" in client.get(story.get_absolute_url()).content.decode()
    assert "Edited in the admin" in client.get("/blog/").content.decode()


def test_a_story_moved_to_another_tag_leaves_one_tag_page_and_joins_the_other(
    client, site, newsroom, editor, django_capture_on_commit_callbacks
):
    """The save reads the story's lists before and after; the page cache purges both tags'
    pages from its position on (later pages shift by one though they do not show it), and
    no page of a list it was never in."""
    from newsdesk.content.services import revisions

    oil, gas, sport = newsroom.tag("Crude"), newsroom.tag("Gas"), site["sport"]
    now = timezone.now()
    for n in range(7):  # three a page: the fourth newest of each is on page 2 of 3
        newsroom.story(f"Crude {n}", tags=[oil], published_at=now - timedelta(days=1, hours=n))
        newsroom.story(f"Gas {n}", tags=[gas], published_at=now - timedelta(days=1, hours=n))
    story = Story.objects.get(headline="Crude 3")
    paths = [
        f"{oil.get_absolute_url()}page/3/",
        f"{gas.get_absolute_url()}page/3/",
        sport.get_absolute_url(),
    ]
    warm(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        revisions.save_story(story, {"tags": [gas]}, editor, story.version)
    assert [cached(p) for p in paths] == [False, False, True]
    assert client.get(paths[0]).status_code == 404  # six left: two pages
    assert "Gas 5" in client.get(paths[1]).content.decode()  # pushed from page 2 to 3


def test_trash_and_restore_purge_the_pages_that_show_the_story(
    client, site, editor, django_capture_on_commit_callbacks
):
    from newsdesk.content.services import trash, workflow

    story, world = site["stories"][1], site["world"]
    paths = ["/", "/blog/", "/blog/page/2/", world.get_absolute_url(), story.get_absolute_url()]
    warm(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(story, editor)
    assert "World story 1" not in client.get("/blog/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404
    warm(client, paths[:4])
    with django_capture_on_commit_callbacks(execute=True):
        trash.restore(story, editor)
    for path in ("/", "/blog/", world.get_absolute_url()):
        assert "World story 1" in client.get(path).content.decode(), path
    assert client.get(story.get_absolute_url()).status_code == 200
    # Back in its place, it pushes page 2 (three a page) from stories 4–6 to 3–5 again.
    second = client.get("/blog/page/2/").content.decode()
    assert "World story 3" in second and "World story 6" not in second


def test_sitemaps_follow_a_publish_at_once(
    client, site, newsroom, settings, django_capture_on_commit_callbacks
):
    """Sitemaps are not files of the page cache (their paths are not directories) but keep
    a cache of their own: purges reach it, so a crawler sees a story as soon as a reader."""
    settings.NEWSDESK_SITEMAP_LIMIT = 4

    def sitemap_page(pk):  # pages are the id ranges of four that hold a live story
        live = Story.objects.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
        ranges = sorted({(other - 1) // 4 for other in live.values_list("pk", flat=True)})
        return ranges.index((pk - 1) // 4) + 1

    story = site["stories"][8]  # the ninth story made: on page 3 or later, four a page
    page_3 = f"/sitemap-stories.xml?p={sitemap_page(story.pk)}"
    before = {p: client.get(p).content for p in ("/sitemap.xml", "/sitemap-news.xml", page_3)}
    assert client.get(page_3).content == before[page_3]  # answered from the sitemaps' cache
    draft = newsroom.story("Breaking news", section=site["world"], status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft)
    assert draft.slug in client.get("/sitemap-news.xml").content.decode()
    assert f"?p={sitemap_page(draft.pk)}" in client.get("/sitemap.xml").content.decode()
    story.slug = "a-new-slug"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.save_changes(story)
    assert "a-new-slug" in client.get(page_3).content.decode()
