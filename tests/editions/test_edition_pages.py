"""Each edition's pages: in its own language whatever the browser says, its own stories,
links to the same story in the other editions, and one cached copy for every reader."""

from datetime import UTC, datetime

import pytest
import time_machine

from newsdesk.content.services import translations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_editions")]

BROWSERS = ("en", "fa", "ar", "de")
# A Sunday morning in Tehran and Riyadh: 7 Dey 1404, 8 Rajab 1447.
SUNDAY = datetime(2025, 12, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def linked(newsroom):
    english = newsroom.story("Rain returns to the capital", published_at=SUNDAY)
    persian = newsroom.story("باران به پایتخت بازگشت", edition="fa", published_at=SUNDAY)
    translations.link(english, persian)
    english.refresh_from_db()
    persian.refresh_from_db()
    return english, persian


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"


def _persian_url(story):
    return f"/fa{story.get_absolute_url()}"  # its path, made outside the edition, under /fa


@time_machine.travel(SUNDAY, tick=False)
def test_every_browser_gets_the_same_bytes_cold_and_warm(client, linked, page_cache):
    english, persian = linked
    urls = ["/", "/fa/", "/ar/", english.get_absolute_url(), _persian_url(persian), "/fa/blog/"]
    for url in urls:
        pages = []
        for browser in BROWSERS:  # the first fills the cache, the others read it
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=browser)
            assert response.status_code == 200
            assert "Accept-Language" not in response.get("Vary", "")
            pages.append(response.content)
        assert response["X-Page-Cache"] == "hit"
        assert len(set(pages)) == 1, url
    persian_home = client.get("/fa/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fa" dir="rtl">' in persian_home
    assert (
        '<html lang="en" dir="ltr">' in client.get("/", HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    )


def test_the_interface_speaks_each_editions_language_page_after_page(client, newsroom):
    skip_link = {"/": "Skip to content", "/fa/": "رفتن به محتوا", "/ar/": "انتقل إلى المحتوى"}
    for url in ("/", "/fa/", "/", "/ar/", "/fa/", "/ar/", "/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
        assert f'<a class="skip-link" href="#main">{skip_link[url]}</a>' in html, url
        others = set(skip_link.values()) - {skip_link[url]}
        assert not any(f">{text}</a>" in html for text in others), url


@time_machine.travel(SUNDAY, tick=False)
def test_the_date_line_is_in_the_editions_calendar_with_an_iso_time(client, newsroom):
    expected = {
        "/": '<time datetime="2025-12-28">Sunday, December 28, 2025</time>',
        "/fa/": '<time datetime="2025-12-28">یک\u200cشنبه ۷ دی ۱۴۰۴</time>',
        "/ar/": '<time datetime="2025-12-28">الأحد ٨ رجب ١٤٤٧</time>',
    }
    for url, dateline in expected.items():
        assert dateline in client.get(url).content.decode()


def test_an_edition_lists_only_its_own_stories(client, newsroom):
    newsroom.story("Rain returns to the capital", edition="en")
    newsroom.story("باران به پایتخت بازگشت", edition="fa")
    english, persian = client.get("/").content.decode(), client.get("/fa/").content.decode()
    assert "Rain returns" in english and "باران" not in english
    assert "باران" in persian and "Rain returns" not in persian
    archive = client.get("/fa/blog/").content.decode()
    assert "باران" in archive and "Rain returns" not in archive


def test_a_story_is_read_in_its_own_edition(client, newsroom):
    persian = newsroom.story("باران به پایتخت بازگشت", edition="fa")
    response = client.get(persian.get_absolute_url())  # the desk's link, made outside /fa/
    assert response.status_code == 301
    assert response["Location"] == _persian_url(persian)
    assert client.get(response["Location"]).status_code == 200


def test_a_story_names_its_translations_and_the_switcher_goes_to_them(client, linked):
    english, persian = linked
    html = client.get(english.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" hreflang="fa" href="http://testserver{_persian_url(persian)}">'
        in html
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{english.get_absolute_url()}">'
        in html
    )
    assert (
        f'<a href="{_persian_url(persian)}" lang="fa" dir="rtl" hreflang="fa" rel="alternate">'
        in html
    )
    # No Arabic translation: the switcher offers the Arabic edition's home page.
    assert '<a href="/ar/" lang="ar" dir="rtl" hreflang="ar">' in html
    persian_html = client.get(_persian_url(persian)).content.decode()
    assert f'<a href="{english.get_absolute_url()}" lang="en" dir="ltr"' in persian_html


def test_a_translation_taken_down_leaves_the_other_page_without_its_link(client, linked):
    english, persian = linked
    translations.unlink(persian)
    html = client.get(english.get_absolute_url()).content.decode()
    assert 'hreflang="fa" href' not in html
    english.refresh_from_db()
    assert english.translation_group is None


def test_two_stories_of_one_edition_are_not_translations(newsroom):
    from django.core.exceptions import ValidationError

    first = newsroom.story("Rain returns", edition="en")
    second = newsroom.story("Rain again", edition="en")
    with pytest.raises(ValidationError):
        translations.link(first, second)


def test_page_numbers_are_written_in_the_editions_digits(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 2
    for n in range(5):
        newsroom.story(f"گزارش {n}", edition="fa")
        newsroom.story(f"Report {n}", edition="en")
    html = client.get("/fa/blog/page/2/").content.decode()
    assert '<span aria-current="page">۲</span>' in html
    assert '<a href="/fa/blog/page/3/" aria-label="صفحهٔ ۳">۳</a>' in html
    assert '<span aria-current="page">1</span>' in client.get("/blog/").content.decode()
