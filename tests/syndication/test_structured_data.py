import io
import json
from datetime import timedelta

import lxml.html
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from newsdesk.content.models import Status, Story
from tests.builders import jpeg_bytes

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
    # The page's own scripts are files (src); an inline script without a type would be
    # the headline's markup breaking out of the JSON block.
    assert not doc.xpath("//script[not(@type) and not(@src)]"), "headline broke out of the JSON"
    (article,) = json_ld(doc, "NewsArticle")
    assert set(article) >= REQUIRED
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == story.headline
    url = f"http://testserver{story.get_absolute_url()}"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    original = f"http://testserver{story.featured_image.file.url}"
    assert len(article["image"]) == 3 and original not in article["image"]
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
    assert meta(doc, "property", "og:image") == [original]
    assert meta(doc, "name", "twitter:card") == ["summary_large_image"]
    assert meta(doc, "name", "twitter:title") == [story.headline]


def test_story_without_picture_or_byline_still_has_required_properties(client, newsroom):
    story = newsroom.story("Plain " + "long " * 40)
    doc = page(client, story.get_absolute_url())
    (article,) = json_ld(doc, "NewsArticle")
    assert set(article) >= REQUIRED
    assert article["headline"] == story.headline == meta(doc, "property", "og:title")[0]
    assert article["author"] == [{"@type": "Organization", "name": "Newsdesk"}]
    assert article["publisher"]["logo"]["url"] == "http://testserver/static/syndication/logo.png"
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


def fetched_picture(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def test_article_pictures_come_in_the_three_shapes_search_engines_ask_for(client, newsroom):
    image = newsroom.image()
    image.file.save("wide.jpg", SimpleUploadedFile("wide.jpg", jpeg_bytes(2000, 1000)))
    story = newsroom.story("Harbour reopens", featured_image=image)
    (article,) = json_ld(page(client, story.get_absolute_url()), "NewsArticle")
    shapes = [fetched_picture(client, url).size for url in article["image"]]
    assert shapes == [(1200, 675), (1200, 900), (1000, 1000)]  # 16:9, 4:3, 1:1


def test_story_without_picture_is_shared_with_a_card_of_its_headline(client, newsroom):
    story = newsroom.story("Harbour reopens after the storm", section=newsroom.section("World"))
    doc = page(client, story.get_absolute_url())
    (article,) = json_ld(doc, "NewsArticle")
    og_image = meta(doc, "property", "og:image")
    assert og_image == [article["image"][0]] == meta(doc, "name", "twitter:image")
    assert meta(doc, "name", "twitter:card") == ["summary_large_image"]
    assert meta(doc, "property", "og:image:width") == ["1200"]
    shapes = [fetched_picture(client, url) for url in article["image"]]
    assert [card.size for card in shapes] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert all(card.format == "PNG" for card in shapes)
    assert len(shapes[0].convert("RGB").getcolors(1200 * 675) or range(9999)) > 2  # drawn on

    # A new headline makes a new card at a new address; the old address is gone.
    story.headline = "Harbour stays shut"
    story.save()
    renamed = meta(page(client, story.get_absolute_url()), "property", "og:image")
    assert renamed != og_image
    assert client.get(og_image[0].removeprefix("http://testserver")).status_code == 404


def test_drafts_cards_are_not_for_readers(client, newsroom, editor):
    story = newsroom.story("Secret plan", status=Status.DRAFT)
    client.force_login(editor)
    card = meta(page(client, story.get_absolute_url()), "property", "og:image")[0]
    assert client.get(card.removeprefix("http://testserver")).status_code == 200
    client.logout()
    assert client.get(card.removeprefix("http://testserver")).status_code == 404


def test_opengraph_locale_and_author_profiles(client, newsroom):
    person = newsroom.person("Reza Karimi")
    story = newsroom.story("Talks resume", language="fa", bylines=[person])
    doc = page(client, story.get_absolute_url())
    assert meta(doc, "property", "og:locale") == ["fa_IR"]
    assert meta(doc, "property", "article:author") == [
        f"http://testserver{person.get_absolute_url()}"
    ]
    english = newsroom.story("Talks resume in Vienna", language="en")
    assert meta(page(client, english.get_absolute_url()), "property", "og:locale") == ["en_US"]


def test_story_page_has_breadcrumb_list(client, newsroom):
    section = newsroom.section("World")
    story = newsroom.story("Talks resume", section=section)
    (crumbs,) = json_ld(page(client, story.get_absolute_url()), "BreadcrumbList")
    assert [
        (item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]
    ] == [
        (1, "Home", "http://testserver/"),
        (2, "World", f"http://testserver{section.get_absolute_url()}"),
        (3, "Talks resume", f"http://testserver{story.get_absolute_url()}"),
    ]
