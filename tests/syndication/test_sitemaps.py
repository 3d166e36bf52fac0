from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from newsdesk.content.models import Status, Story

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(response.content, parser)


def test_index_lists_paginated_story_sitemaps(client, newsroom, settings):
    settings.NEWSDESK_SITEMAP_LIMIT = 3
    stories = newsroom.archive(7)
    newsroom.section("World")
    root = xml(client, "/sitemap.xml")
    locs = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    story_maps = [loc for loc in locs if "sitemap-stories.xml" in loc]
    assert len(story_maps) == len({(story.pk - 1) // 3 for story in stories})
    assert story_maps[0] == "http://testserver/sitemap-stories.xml"
    assert story_maps[1] == "http://testserver/sitemap-stories.xml?p=2"
    assert any("sitemap-sections.xml" in loc for loc in locs)


def test_story_pages_partition_live_stories_by_id_range(client, newsroom, settings):
    settings.NEWSDESK_SITEMAP_LIMIT = 3
    stories = newsroom.archive(7)
    newsroom.story("Draft", status=Status.DRAFT)
    pages = len({(story.pk - 1) // 3 for story in stories})
    seen = []
    for page in range(1, pages + 1):
        root = xml(client, f"/sitemap-stories.xml?p={page}")
        urls = root.findall("sm:url", NS)
        assert 1 <= len(urls) <= 3
        seen += [url.find("sm:loc", NS).text for url in urls]
    expected = sorted(f"http://testserver{s.get_absolute_url()}" for s in stories)
    assert sorted(seen) == expected
    assert client.get(f"/sitemap-stories.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-stories.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_no_story_sitemap_is_empty_when_whole_id_ranges_hold_no_live_story(
    client, newsroom, settings
):
    """Drafts and trashed stories fill the first ids: the index still lists only sitemaps
    with stories in them (an empty <urlset> is not a valid sitemap)."""
    settings.NEWSDESK_SITEMAP_LIMIT = 2
    for number in range(4):
        newsroom.story(f"Draft {number}", status=Status.DRAFT)
    trashed = newsroom.story("Trashed")
    Story.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())
    live = newsroom.archive(3)
    root = xml(client, "/sitemap.xml")
    story_maps = [
        loc.text for loc in root.findall("sm:sitemap/sm:loc", NS) if "stories" in loc.text
    ]
    seen = []
    for location in story_maps:
        urls = xml(client, location.removeprefix("http://testserver")).findall("sm:url", NS)
        assert urls, location
        seen += [url.find("sm:loc", NS).text for url in urls]
    assert sorted(seen) == sorted(f"http://testserver{s.get_absolute_url()}" for s in live)
    assert client.get(f"/sitemap-stories.xml?p={len(story_maps) + 1}").status_code == 404


def test_story_page_uses_no_offset_and_one_probe_per_page_before_it(client, newsroom, settings):
    settings.NEWSDESK_SITEMAP_LIMIT = 2
    newsroom.archive(6)
    client.get("/sitemap-stories.xml?p=2")  # what every page reads once (navigation) is read
    counts = {}
    for page in (1, 3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/sitemap-stories.xml?p={page}").status_code == 200
        sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
        assert "OFFSET" not in sql and "COUNT(" not in sql
        counts[page] = len(queries.captured_queries)
    assert counts[1] <= 3
    assert counts[3] == counts[1] + 2


def test_lastmod_follows_updates_and_image_extension(client, newsroom):
    published = timezone.now() - timedelta(days=3)
    story = newsroom.story("With picture", published_at=published, featured_image=newsroom.image())
    updated = published + timedelta(days=1)
    Story.objects.filter(pk=story.pk).update(updated_at=updated)
    root = xml(client, "/sitemap-stories.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:lastmod", NS).text == updated.isoformat(timespec="seconds")
    image_loc = url.find("image:image/image:loc", NS).text
    assert image_loc == f"http://testserver{story.featured_image.file.url}"


def test_news_sitemap_has_only_the_last_two_days(client, newsroom):
    recent = newsroom.story(
        "Fresh & <new> 🎉 \x0b", published_at=timezone.now() - timedelta(hours=3), language="fa"
    )
    newsroom.story("Old news", published_at=timezone.now() - timedelta(days=3))
    newsroom.story("Draft", status=Status.DRAFT)
    root = xml(client, "/sitemap-news.xml")
    urls = root.findall("sm:url", NS)
    assert [u.find("sm:loc", NS).text for u in urls] == [
        f"http://testserver{recent.get_absolute_url()}"
    ]
    news = urls[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsdesk"
    assert news.find("news:publication/news:language", NS).text == "fa"
    assert news.find("news:title", NS).text == "Fresh & <new> 🎉 "
    assert news.find("news:publication_date", NS).text.startswith(
        recent.published_at.strftime("%Y-%m-%dT%H:%M")
    )


def test_sections_tags_authors_sitemaps(client, newsroom):
    section, tag, person = newsroom.section("World"), newsroom.tag("Oil"), newsroom.person("Ana")
    newsroom.tag("Unused")
    newsroom.story("S", section=section, tags=[tag], bylines=[person])
    locs = lambda url: [e.text for e in xml(client, url).findall("sm:url/sm:loc", NS)]  # noqa: E731
    assert locs("/sitemap-sections.xml") == [f"http://testserver{section.get_absolute_url()}"]
    assert locs("/sitemap-tags.xml") == [f"http://testserver{tag.get_absolute_url()}"]
    assert locs("/sitemap-authors.xml") == [f"http://testserver{person.get_absolute_url()}"]


def test_tags_and_authors_sitemaps_list_only_those_with_a_live_story(client, newsroom):
    tags = [newsroom.tag(f"Tag {i}") for i in range(4)]
    people = [newsroom.person(f"Person {i}") for i in range(4)]
    now = timezone.now()
    newsroom.story("Draft", status=Status.DRAFT, tags=tags[:1], bylines=people[:1])
    newsroom.story(
        "Later",
        status=Status.SCHEDULED,
        published_at=now + timedelta(hours=2),
        tags=tags[1:2],
        bylines=people[1:2],
    )
    gone = newsroom.story("Trashed", tags=tags[2:3], bylines=people[2:3])
    Story.objects.filter(pk=gone.pk).update(deleted_at=now)
    newsroom.story("Live", tags=tags[:1] + tags[3:], bylines=people[3:] + people[:1])
    locs = lambda url: [e.text for e in xml(client, url).findall("sm:url/sm:loc", NS)]  # noqa: E731
    expected = lambda objs: [f"http://testserver{o.get_absolute_url()}" for o in objs]  # noqa: E731
    assert locs("/sitemap-tags.xml") == expected([tags[0], tags[3]])
    assert locs("/sitemap-authors.xml") == expected([people[0], people[3]])


def test_robots_txt_points_at_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /desk/" in text
