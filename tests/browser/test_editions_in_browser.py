"""The Persian and Arabic editions in a real browser: every Persian page type is valid HTML
(W3C Nu) with no axe violation and holds its right-to-left shape at a phone's and a
desktop's width; the language switcher takes a reader to the story's translation.

With NEWSDESK_SCREENSHOTS_DIR set, the Persian and Arabic home and story pages are saved
there at both widths (docs/screenshots/ holds the copies the documentation shows)."""

import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsdesk.content.services import translations
from tests.browser.test_page_quality import DESKTOP, PHONE, axe_violations
from tests.builders import NewsroomBuilder
from tests.editions.conftest import ARABIC, ENGLISH, PERSIAN
from tests.htmlcheck import html_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editions_site() -> dict[str, str]:
    newsroom = NewsroomBuilder()
    politics = newsroom.section("سیاست", edition="fa")
    newsroom.section("اقتصاد", edition="fa")
    cities = newsroom.section("المدن", edition="ar")
    world = newsroom.section("World")
    person, tag = newsroom.person("مریم احمدی"), newsroom.tag("تهران")
    for n in range(12):
        newsroom.story(f"گزارش شماره {n + 1} از شهرهای ایران", edition="fa", section=politics)
    english = newsroom.story(
        "Tehran opens a new metro line", section=world, featured_image=newsroom.image()
    )
    persian = newsroom.story(
        "خط تازه متروی تهران افتتاح شد",
        edition="fa",
        section=politics,
        standfirst="این خط شمال شهر را به بازار بزرگ متصل می‌کند.",
        body="<p>نخستین قطارها ساعت شش صبح حرکت کردند.</p><p>بهای بلیت تغییر نمی‌کند.</p>",
        featured_image=newsroom.image(alt_text="ایستگاه مترو"),
        bylines=[person],
        tags=[tag],
    )
    arabic = newsroom.story(
        "افتتاح خط جديد لمترو طهران",
        edition="ar",
        section=cities,
        standfirst="يربط الخط شمال المدينة بالسوق الكبير.",
        body="<p>انطلقت القطارات الأولى في السادسة صباحاً.</p>",
        featured_image=newsroom.image(alt_text="محطة المترو"),
    )
    translations.link(english, persian)
    translations.link(english, arabic)
    return {
        "fa-home": "/fa/",
        "fa-archive": "/fa/blog/page/2/",
        "fa-story": f"/fa{persian.get_absolute_url()}",
        "fa-section": f"/fa{politics.get_absolute_url()}",
        "fa-tag": f"/fa{tag.get_absolute_url()}",
        "fa-author": f"/fa{person.get_absolute_url()}",
        "fa-search": "/fa/search/?q=%D8%AA%D9%87%D8%B1%D8%A7%D9%86",
        "fa-search-empty": "/fa/search/",
        "fa-not-found": "/fa/no/such/page/",
        "ar-home": "/ar/",
        "ar-story": f"/ar{arabic.get_absolute_url()}",
        "ar-section": f"/ar{cities.get_absolute_url()}",
        "ar-search": "/ar/search/?q=%D8%B7%D9%87%D8%B1%D8%A7%D9%86",
        "ar-not-found": "/ar/no/such/page/",
        "en-story": english.get_absolute_url(),
    }


@pytest.fixture
def site(settings, live_server):
    settings.NEWSDESK_EDITIONS = [ENGLISH, PERSIAN, ARABIC]
    return live_server.url, editions_site()


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  the test server
            return response.read()
    except urllib.error.HTTPError as error:  # the not-found page is a page too
        return error.read()


def test_persian_and_arabic_pages_are_valid_accessible_and_right_to_left(
    site, page_without_csp, tmp_path
):
    base, pages = site
    rtl = {name: url for name, url in pages.items() if name.startswith(("fa-", "ar-"))}
    assert html_problems({name: _fetch(base + url) for name, url in rtl.items()}, tmp_path) == []
    found = {}
    for viewport in (DESKTOP, PHONE):
        page_without_csp.set_viewport_size(viewport)
        for name, url in rtl.items():
            page_without_csp.goto(base + url)
            where = f"{name} at {viewport['width']}px"
            assert page_without_csp.evaluate("document.dir") == "rtl", where
            width = page_without_csp.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{where}: wider than the screen"
            if violations := axe_violations(page_without_csp):
                found[where] = violations
    assert found == {}


def test_the_switcher_leads_to_the_translation(site, page):
    base, pages = site
    page.goto(base + pages["en-story"])
    page.locator("nav.editions").get_by_role("link", name="نیوزدسک").click()
    assert page.url == base + pages["fa-story"]
    assert page.locator("h1").first.inner_text() == "خط تازه متروی تهران افتتاح شد"
    # Persian text sits right of the page's middle: the layout is mirrored.
    heading = page.locator("h1").first.bounding_box()
    assert heading["x"] + heading["width"] > page.viewport_size["width"] / 2
    shots = os.environ.get("NEWSDESK_SCREENSHOTS_DIR")
    if shots:
        for name in ("fa-home", "fa-story", "ar-home", "ar-story"):
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                page.goto(base + pages[name])
                path = Path(shots) / f"edition-{name}-{viewport['width']}.png"
                page.screenshot(path=str(path), full_page=viewport is PHONE)
