"""Debian's chromium driven by Playwright; no browser is ever downloaded."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
# async contexts unless told the test knows what it is doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _server_first(request) -> None:
    """With a live server, start it before the page: the page is then closed first, and
    stops sending before the server's last requests are waited for (tests/conftest.py)."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server")


@pytest.fixture
def page(browser, request):
    _server_first(request)
    context = browser.new_context(locale="en-US", timezone_id="UTC")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page_without_csp(browser, request):
    _server_first(request)
    # axe is added to the page as a script of its own, which the site's CSP rightly forbids.
    context = browser.new_context(locale="en-US", timezone_id="UTC", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
