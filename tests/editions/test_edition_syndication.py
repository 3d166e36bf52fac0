"""Each edition has its own feeds and sitemaps, in its language, naming its translations."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from newsdesk.content.services import translations
from tests.syndication.test_sitemaps import NS, xml

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_editions")]
XHTML = "{http://www.w3.org/1999/xhtml}link"


@pytest.fixture
def linked(newsroom):
    recently = timezone.now() - timedelta(hours=2)
    english = newsroom.story("Rain returns to the capital", published_at=recently)
    persian = newsroom.story("باران به پایتخت بازگشت", edition="fa", published_at=recently)
    translations.link(english, persian)
    return english, persian


def test_each_editions_feed_is_its_own_in_its_language(client, linked):
    english = feedparser.parse(client.get("/feeds/rss/").content)
    persian = feedparser.parse(client.get("/fa/feeds/rss/").content)
    assert english.feed.language == "en" and persian.feed.language == "fa"
    assert persian.feed.title == "نیوزدسک"
    assert [entry.title for entry in english.entries] == ["Rain returns to the capital"]
    assert [entry.title for entry in persian.entries] == ["باران به پایتخت بازگشت"]
    assert persian.entries[0].link.startswith("http://testserver/fa/story/")


def test_story_sitemaps_name_the_translations_by_hreflang(client, linked):
    english, persian = linked
    pages = (("/sitemap-stories.xml", "", english), ("/fa/sitemap-stories.xml", "/fa", persian))
    for url, prefix, own in pages:
        (entry,) = xml(client, url).findall("sm:url", NS)
        assert entry.find("sm:loc", NS).text == f"http://testserver{prefix}{own.get_absolute_url()}"
        alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(XHTML)}
        assert alternates == {
            "en": f"http://testserver{english.get_absolute_url()}",
            "fa": f"http://testserver/fa{persian.get_absolute_url()}",
        }


def test_google_news_has_a_publication_per_edition_language(client, linked):
    for url, name, language in (
        ("/sitemap-news.xml", "Newsdesk", "en"),
        ("/fa/sitemap-news.xml", "نیوزدسک", "fa"),
    ):
        (entry,) = xml(client, url).findall("sm:url", NS)
        assert entry.find("news:news/news:publication/news:name", NS).text == name
        assert entry.find("news:news/news:publication/news:language", NS).text == language


def test_robots_txt_points_crawlers_at_every_editions_sitemaps(client):
    robots = client.get("/robots.txt").content.decode()
    for prefix in ("", "/fa", "/ar"):
        assert f"Sitemap: http://testserver{prefix}/sitemap-news.xml" in robots
        assert f"Disallow: {prefix}/search/" in robots
