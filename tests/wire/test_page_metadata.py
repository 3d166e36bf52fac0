"""What an agency page's story is: its publication time with the time of day and zone, a
headline without the site's name around it, a body that does not start by repeating the
headline, the writers' names without their employer or job, and the extraction done once."""

import json
import re
from datetime import UTC, datetime

import pytest
import trafilatura

from newsdesk.wire.services.extraction import import_url
from newsdesk.wire.services.page_extraction import extract_page
from tests.localhttp import Reply

PARAGRAPHS = (
    "<p>The regional parliament approved the budget late on Thursday after a debate that "
    "lasted almost eleven hours, with the opposition walking out before the final vote.</p>"
    "<p>The plan raises spending on schools and hospitals by four percent and freezes the "
    "salaries of senior officials for two years, the finance minister told reporters.</p>"
    "<p>Trade unions said they would study the details before deciding whether to call off "
    "the strike planned for next month in the public transport sector.</p>"
)


def article(head: str = "", h1: str = "Parliament approves budget after marathon debate"):
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{h1}</h1>{PARAGRAPHS}</article>"
        "<footer>© The Courier</footer></body></html>"
    )


def json_ld(**fields) -> str:
    return (
        '<script type="application/ld+json">'
        + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", **fields})
        + "</script>"
    )


def test_published_time_keeps_its_time_and_zone_over_http(local_http, settings, db):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    head = '<meta property="article:published_time" content="2025-03-05T01:30:00+09:00">'
    local_http.routes["/budget"] = Reply(200, article(head).encode(), {"Content-Type": "text/html"})
    item = import_url(local_http.url("/budget"))
    # 16:30 UTC on the 4th: the instant the page states, neither midnight nor a day off.
    assert item.published_at == datetime(2025, 3, 4, 16, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "head, expected",
    [
        (json_ld(datePublished="2025-06-10T18:45:00-04:00"), datetime(2025, 6, 10, 22, 45)),
        ('<meta itemprop="datePublished" content="2024-12-31T23:59:00Z">',
         datetime(2024, 12, 31, 23, 59)),
        ('<meta name="parsely-pub-date" content="2025-01-02T07:05:00+0100">',
         datetime(2025, 1, 2, 6, 5)),
    ],
)  # fmt: skip
def test_publication_time_from_the_usual_places(head, expected):
    assert extract_page(article(head)).published_at == expected.replace(tzinfo=UTC)


def test_a_bare_date_is_that_day_in_the_newsrooms_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    page = extract_page(article('<meta property="article:published_time" content="2025-06-10">'))
    assert page.published_at.isoformat() == "2025-06-10T00:00:00-04:00"


@pytest.mark.parametrize(
    "title, site, h1, expected",
    [
        ("Apple unveils new tablet – TechCrunch", "TechCrunch", "", "Apple unveils new tablet"),
        ("Opinion | The budget nobody wanted", "The Courier", "The budget nobody wanted",
         "The budget nobody wanted"),
        ("Floods in the north - World - The Courier", "The Courier", "",
         "Floods in the north"),
        ("Storm: what we know so far | Live", "", "Storm: what we know so far",
         "Storm: what we know so far"),
        ("Ceasefire talks resume in Cairo", "The Courier", "", "Ceasefire talks resume in Cairo"),
    ],
)  # fmt: skip
def test_headline_loses_the_sites_name_and_section_label(title, site, h1, expected):
    head = f"<title>{title}</title>"
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    page = extract_page(article(head, h1=h1 or "A heading of the page's layout"))
    assert page.headline == expected


def test_body_does_not_repeat_the_headline():
    head = "<title>Parliament approves budget after marathon debate | The Courier</title>"
    page = extract_page(article(head))
    assert page.headline == "Parliament approves budget after marathon debate"
    assert "marathon debate" not in page.body
    assert re.sub(r"<[^>]+>", "", page.body).lstrip().startswith("The regional parliament")


@pytest.mark.parametrize(
    "head, people, organisations",
    [
        ('<meta name="author" content="Condé Nast; Molly Wood">'
         '<meta property="og:site_name" content="Wired">', "Molly Wood", ["Condé Nast"]),
        ('<meta name="author" content="Tom Krisher; Ap Auto Writer">', "Tom Krisher", []),
        ('<meta name="author" content="By JANE DOE and Omar Haddad">', "Jane Doe, Omar Haddad", []),
        (json_ld(author=[{"@type": "Person", "name": "Aiko Tanaka"}],
                 publisher={"@type": "Organization", "name": "The Courier"}), "Aiko Tanaka", []),
        (json_ld(author={"@type": "Organization", "name": "The Courier"},
                 publisher={"@type": "Organization", "name": "The Courier"}), "", ["The Courier"]),
        ('<meta name="author" content="Reuters">', "", ["Reuters"]),
    ],
)  # fmt: skip
def test_bylines_name_people_and_recognise_organisations(head, people, organisations):
    page = extract_page(article(head))
    assert page.author == people
    assert page.organisations == organisations


def test_the_page_is_extracted_in_one_trafilatura_pass(monkeypatch):
    calls = []
    for name in ("bare_extraction", "extract"):
        original = getattr(trafilatura, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(trafilatura, name, counted)
    page = extract_page(article("<title>Budget passes</title>"))
    assert "freezes the salaries" in page.body
    assert calls == ["bare_extraction"]


def test_hidden_text_is_not_taken_for_the_article():
    hidden = (
        "<div style='display:none'><p>Subscribe now to read every story of the Courier "
        "without limits, on every device, for less than a coffee a week.</p></div>"
    )
    page = extract_page(article("<title>Budget</title>").replace("<h1>", hidden + "<h1>"))
    assert "regional parliament" in page.body and "Subscribe" not in page.body


def test_an_organisation_in_the_byline_is_the_copys_publisher_when_none_is_named():
    page = extract_page(article('<meta name="author" content="Tom Krisher; Reuters">'))
    assert (page.author, page.site_name) == ("Tom Krisher", "Reuters")
    named = extract_page(
        article(
            '<meta name="author" content="Reuters"><meta property="og:site_name" content="Courier">'
        )
    )
    assert (named.author, named.site_name) == ("", "Courier")
