"""A reader's browser counts a read of a page served from the page cache, and fills the
"Most read" box from its own cached fragment."""

import time

import pytest
from django.utils import timezone

from newsdesk.readership import aggregation, spool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A desktop Chrome's name: the headless browser's own ("HeadlessChrome") is a robot's.
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_page_from_the_page_cache_counts_a_read(
    live_server, browser, newsroom, settings, tmp_path
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.NEWSDESK_READS_SPOOL_DIR = tmp_path / "reads"

    def reads_sent():
        return sum(len(f.read_text().splitlines()) for f in spool.directory().glob("*.tsv"))

    story = newsroom.story("Bridge reopens after repairs", published_at=timezone.now())
    context = browser.new_context(locale="en-US", timezone_id="UTC", user_agent=CHROME)
    page = context.new_page()
    try:
        url = live_server.url + story.get_absolute_url()
        page.goto(url)  # the first reader: rendered, cached
        assert wait_for(lambda: reads_sent() == 1)
        second = context.browser.new_context(user_agent=CHROME + " Edg/131.0")
        reader = second.new_page()
        response = reader.goto(url)
        assert response.headers.get("x-page-cache") == "hit"
        assert wait_for(lambda: reads_sent() == 2), "the cached page sent no read"
        second.close()

        aggregation.aggregate(everything=True)
        page.goto(live_server.url + "/")
        box = page.locator(".most-read-lists")
        box.get_by_role("link", name="Bridge reopens after repairs").first.wait_for()
    finally:
        context.close()
