import json
from datetime import timedelta

import lxml.html
from django.contrib.staticfiles import finders
from django.utils import timezone

from newsdesk.content.models import Status, Story

REQUIRED = {
    "headline",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "isAccessibleForFree",
}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def json_ld(doc, type_):
    blocks = [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]
    return [b for b in blocks if b["@type"] == type_]


def meta(doc, attr, name):
    return [m.get("content") for m in doc.xpath(f'//meta[@{attr}="{name}"]')]


def test_story_page_carries_news_article(client, newsroom):
    person = newsroom.person("Sara Reporter")
    section = newsroom.section("World")
    published = timezone.now() - timedelta(hours=4)
    story = newsroom.story(
        "Quake hits </script><script>alert(1)</script> & more 🎉",
        section=section,
        bylines=[person],
        featured_image=newsroom.image(),
        published_at=published,
    )
    Story.objects.filter(pk=story.pk).update(updated_at=published + timedelta(hours=1))
    doc = page(client, story.get_absolute_url())
    assert not doc.xpath("//script[not(@type)]"), "headline broke out of the JSON block"
    (article,) = json_ld(doc, "NewsArticle")
    assert set(article) >= REQUIRED
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == story.headline
    url = f"http://testserver{story.get_absolute_url()}"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["image"] == [f"http://testserver{story.featured_image.file.url}"]
    assert article["datePublished"] == published.isoformat(timespec="seconds")
    assert article["dateModified"] == (published + timedelta(hours=1)).isoformat(timespec="seconds")
    assert article["author"][0]["name"] == "Sara Reporter"
    assert article["author"][0]["url"] == f"http://testserver{person.get_absolute_url()}"
    assert article["publisher"]["name"] == "Newsdesk"
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/")
    assert article["isAccessibleForFree"] is True
    assert article["articleSection"] == "World"
    # canonical, OpenGraph and Twitter card
    assert doc.xpath('//link[@rel="canonical"]/@href') == [url]
    assert meta(doc, "property", "og:type") == ["article"]
    assert meta(doc, "property", "og:title") == [story.headline]
    assert meta(doc, "property", "og:url") == [url]
    assert meta(doc, "property", "og:image") == article["image"]
    assert meta(doc, "name", "twitter:card") == ["summary_large_image"]
    assert meta(doc, "name", "twitter:title") == [story.headline]


def test_story_without_picture_or_byline_still_has_required_properties(client, newsroom):
    story = newsroom.story("Plain " + "long " * 40)
    doc = page(client, story.get_absolute_url())
    (article,) = json_ld(doc, "NewsArticle")
    assert set(article) >= REQUIRED
    assert len(article["headline"]) <= 110
    assert article["image"] == [article["publisher"]["logo"]["url"]]
    assert article["author"] == [{"@type": "Organization", "name": "Newsdesk"}]
    assert meta(doc, "name", "twitter:card") == ["summary"]
    assert article["image"][0] == "http://testserver/static/syndication/logo.png"
    assert finders.find("syndication/logo.png"), "the logo must ship with the app"


def test_preview_is_noindex(client, newsroom, editor):
    story = newsroom.story("Draft", status=Status.DRAFT)
    client.force_login(editor)
    doc = page(client, story.get_absolute_url())
    assert meta(doc, "name", "robots") == ["noindex"]


def test_section_archive_page_has_breadcrumb_list_and_feed_links(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 1
    section = newsroom.section("World")
    newsroom.archive(3, section=section)
    doc = page(client, f"/section/{section.slug}/page/2/")
    (crumbs,) = json_ld(doc, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [(i["position"], i["name"]) for i in items] == [(1, "Home"), (2, "World"), (3, "Page 2")]
    assert items[0]["item"] == "http://testserver/"
    assert items[1]["item"] == f"http://testserver{section.get_absolute_url()}"
    assert items[2]["item"] == f"http://testserver/section/{section.slug}/page/2/"
    feeds = doc.xpath('//link[@rel="alternate"]/@href')
    assert f"/feeds/section/{section.slug}/rss/" in feeds and "/feeds/atom/" in feeds
    for href in feeds:
        assert client.get(href).status_code == 200


def test_blog_archive_breadcrumb(client, newsroom):
    newsroom.archive(2)
    doc = page(client, "/blog/")
    (crumbs,) = json_ld(doc, "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Blog"]


def test_picture_url_follows_the_media_url_setting(client, newsroom, settings):
    story = newsroom.story("Pictured", featured_image=newsroom.image())
    name = story.featured_image.file.name
    doc = page(client, story.get_absolute_url())
    assert meta(doc, "property", "og:image") == [f"http://testserver/media/{name}"]
    settings.MEDIA_URL = "https://cdn.example.org/files/"
    doc = page(client, story.get_absolute_url())
    assert meta(doc, "property", "og:image") == [f"https://cdn.example.org/files/{name}"]
