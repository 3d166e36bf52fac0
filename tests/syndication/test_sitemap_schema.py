"""Every sitemap of the demo newsroom, in three editions, is valid against the sitemaps.org
XML schema (sitemap.xsd, as shipped by the npm package `sitemap`; installed offline with
the other test tools by scripts/ensure-html-checker.sh).

The schema lets each <url> carry elements of other namespaces (Google's image and news
extensions, xhtml:link alternates) and asks a validator to check them strictly against
their own schemas. Those are not published in any package registry, so here the extension
elements are checked loosely (their namespaces' schemas are not loaded); their content is
checked by tests/syndication/test_sitemaps.py. Everything of the sitemaps.org protocol
itself (loc, lastmod, changefreq, priority, order, sizes) is checked by the schema.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.models import Story

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "node_modules/sitemap/schema/sitemap.xsd"
XSD = "{http://www.w3.org/2001/XMLSchema}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
EDITIONS = [
    {"code": "en", "name": "Newsdesk", "language": "en"},
    {"code": "fa", "name": "نیوزدسک", "language": "fa", "prefix": "fa"},
    {"code": "ar", "name": "نيوزديسك", "language": "ar", "prefix": "ar"},
]


@pytest.fixture(scope="module")
def sitemap_schema() -> etree.XMLSchema:
    if not SCHEMA.exists():
        pytest.fail(f"{SCHEMA.name} is missing: run scripts/ensure-html-checker.sh")
    tree = etree.parse(str(SCHEMA), PARSER)
    for wildcard in tree.iter(f"{XSD}any"):
        wildcard.set("processContents", "lax")  # see the module's docstring
    return etree.XMLSchema(tree)


def fetch(client, location: str) -> etree._Element:
    parts = urlsplit(location)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, location
    assert response["Content-Type"].startswith("application/xml"), location
    return etree.fromstring(response.content, PARSER)


def test_every_sitemap_of_the_demo_is_valid_against_the_sitemaps_org_schema(
    client, settings, sitemap_schema
):
    settings.NEWSDESK_EDITIONS = EDITIONS
    settings.NEWSDESK_SITEMAP_LIMIT = 25  # several story sitemaps
    build_newsroom(stories=40, pictures=4, days=2, seed=3)
    index = fetch(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(locations) >= 6
    urls_checked = 0
    for location in locations:
        urlset = fetch(client, location)
        if not sitemap_schema.validate(urlset):
            errors = "\n".join(str(error) for error in sitemap_schema.error_log)
            pytest.fail(f"{location} is not a valid sitemap:\n{errors}")
        urls_checked += len(urlset.findall(f"{SITEMAP}url"))
    assert urls_checked >= 40


def test_a_young_site_lists_only_sitemaps_with_urls(client, newsroom, sitemap_schema):
    """Stories but no tags or bylines yet, and an edition with no story: the index names
    only sitemaps that hold a URL, each valid (an empty <urlset> is not)."""
    newsroom.story("First story of the site", section=newsroom.section("World"))
    index = fetch(client, "/sitemap.xml")
    locations = [urlsplit(loc.text).path for loc in index.iter(f"{SITEMAP}loc")]
    assert sorted(locations) == ["/sitemap-sections.xml", "/sitemap-stories.xml"]
    for location in locations:
        assert sitemap_schema.validate(fetch(client, location)), location
    newsroom.tag("Oil").stories.add(Story.objects.get())
    assert "/sitemap-tags.xml" in client.get("/sitemap.xml").content.decode()


def test_the_schema_check_finds_a_broken_sitemap(sitemap_schema):
    """The check above can fail: a <loc> too short to be a URL, an unknown change frequency,
    a priority above 1 and a <lastmod> before its <loc> are each refused."""
    broken = [
        "<loc>/story/1/</loc>",
        "<loc>https://example.com/a/</loc><changefreq>sometimes</changefreq>",
        "<loc>https://example.com/a/</loc><priority>1.5</priority>",
        "<lastmod>2026-01-01</lastmod><loc>https://example.com/a/</loc>",
    ]
    for url in broken:
        document = etree.fromstring(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>{url}</url></urlset>'
        )
        assert not sitemap_schema.validate(document), url
