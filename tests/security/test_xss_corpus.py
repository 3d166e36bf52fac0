"""Every payload of the corpus through every field a user or importer fills, rendered on
every page and output that shows it: nothing that would execute comes out.

The checks would fail if a template marked a field safe, if the body sanitizer were
bypassed, or if a feed or the API passed raw HTML through."""

from html import unescape

import pytest
from lxml import etree

from tests.security.html_danger import dangers_in
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def test_the_checker_catches_what_it_must():
    # The checker itself is honest: each of these is flagged.
    for raw in [PAYLOADS[0], "<img src=x onerror=1>", '<a href=" java\tscript:x">', "<svg>"]:
        assert dangers_in(raw), raw
    assert dangers_in("&lt;script&gt;window.__xss=1&lt;/script&gt;") == []


def story_with_payload(newsroom, payload, n):
    # PostgreSQL cannot store NUL; Django's form fields refuse it before it gets this far
    # (ProhibitNullCharactersValidator), so what is stored is the payload without it.
    payload = payload.replace("\x00", "")
    person = newsroom.person(f"{payload} {n}", bio=payload, role=payload[:120])
    section = newsroom.section(f"{payload[:100]} s{n}", description=payload)
    tag = newsroom.tag(f"{payload[:100]} t{n}")
    source = newsroom.source(f"{payload[:100]} a{n}")
    image = newsroom.image(alt_text=payload[:500], caption=payload, credit=payload[:255])
    return newsroom.story(
        payload[:300],
        standfirst=payload,
        body=f"<p>Intro</p>{payload}<p>{payload}</p>",
        featured_caption=payload,
        featured_image=image,
        section=section,
        tags=[tag],
        bylines=[person],
        sources=[source],
    )


def pages_for(story):
    section, tag = story.section, story.tags.get()
    person = story.bylines.get()
    return [
        story.get_absolute_url(),
        "/",
        "/blog/",
        section.get_absolute_url(),
        tag.get_absolute_url(),
        person.get_absolute_url(),
    ]


def feed_dangers(xml: bytes) -> list[str]:
    """Feeds carry HTML escaped inside XML in their HTML elements (RSS description and
    content:encoded, Atom content/summary of type html); a reader unescapes and renders it.
    Titles are plain text (Atom says so with type="text")."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for element in root.iter():
        name = etree.QName(element).localname
        is_html = name in ("description", "encoded") or (
            name in ("content", "summary") and element.get("type") in ("html", "xhtml")
        )
        if is_html and element.text:
            found += dangers_in(element.text)
    return found


@pytest.mark.parametrize("number", range(len(PAYLOADS)))
def test_payload_never_executes_anywhere(client, newsroom, number):
    payload = PAYLOADS[number]
    story = story_with_payload(newsroom, payload, number)
    for url in pages_for(story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers_in(response.content.decode()) == [], url

    for feed in ["/feeds/rss/", "/feeds/atom/"]:
        response = client.get(feed)
        assert response.status_code == 200
        assert feed_dangers(response.content) == [], feed

    api = client.get(f"/api/stories/{story.pk}")
    if api.status_code == 200:
        assert api.headers["Content-Type"].startswith("application/json")
        data = api.json()
        assert dangers_in(data.get("body", "")) == []
        # Plain-text fields come back as the exact JSON string (JSON is not HTML).
        assert data["headline"] == story.headline

    search = client.get("/search/", {"q": payload[:200]})
    assert search.status_code in (200, 400)
    assert dangers_in(search.content.decode()) == []


def test_body_keeps_ordinary_rich_text(client, newsroom):
    story = newsroom.story(
        "Plain", body='<p>A <a href="https://example.org/">link</a> and <strong>bold</strong></p>'
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<strong>bold</strong>" in html
    assert unescape("&lt;") == "<"
