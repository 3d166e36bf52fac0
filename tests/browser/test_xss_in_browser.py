"""A sample of the XSS corpus in a real browser: a payload that would set `window.__xss`
must not, on the story page, listings and search. The page must also raise no CSP
violation: escaping and the sanitizer stop the payloads, CSP is only the second wall."""

import pytest

from tests.security.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = [p for p in PAYLOADS if "__xss" in p][::3]


def test_payload_sample_sets_no_flag_in_chromium(live_server, page, newsroom):
    assert len(SAMPLE) >= 30
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    section = newsroom.section("World")
    person = newsroom.person(SAMPLE[0])
    stories = [
        newsroom.story(
            payload[:300],
            standfirst=payload,
            body=payload,
            featured_caption=payload,
            featured_image=newsroom.image(alt_text=payload[:500], caption=payload),
            section=section,
            bylines=[person],
        )
        for payload in SAMPLE
    ]
    urls = [s.get_absolute_url() for s in stories] + [
        "/",
        "/blog/",
        section.get_absolute_url(),
        person.get_absolute_url(),
        "/search/?q=" + SAMPLE[1][:100],
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        # Hovering and focusing trigger the event-handler payloads if any survived.
        page.mouse.move(200, 200)
        page.keyboard.press("Tab")
        assert page.evaluate("window.__xss") is None, url
    # Clicking every link in a story body must never run script.
    page.goto(live_server.url + stories[0].get_absolute_url())
    for link in page.locator(".story-body a").all():
        link.click(no_wait_after=True, timeout=2000)
        assert page.evaluate("window.__xss") is None
    assert violations == []


def test_flag_check_would_see_a_payload_that_ran(live_server, page, db):
    # The probe is honest: a page that does run the payload sets the flag.
    page.goto(live_server.url + "/")
    page.evaluate("() => { window.__xss = 1 }")
    assert page.evaluate("window.__xss") == 1
