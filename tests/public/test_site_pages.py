"""Home, section, tag and author pages, the date bar, and the error pages."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _home_with_world_and_sport(client, newsroom) -> str:
    """The home page over twelve World stories and one older Sport story."""
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    newsroom.archive(12, section=world)
    newsroom.story(
        "Cup final tonight",
        section=sport,
        published_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")),
    )
    return client.get("/").content.decode()


def test_home_has_lead_latest_and_a_block_per_section(client, newsroom):
    html = _home_with_world_and_sport(client, newsroom)
    lead = re.search(r'<section class="lead".*?</section>', html, re.S).group(0)
    assert "Archive story 1" in lead
    rail = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert "Archive story 2<" in rail and "Archive story 5<" in rail  # the next four
    assert "Archive story 1<" not in rail and "Archive story 6<" not in rail
    assert "<img" not in rail  # headlines only, beside the lead
    top = re.search(r'<section class="top-stories".*?</section>', html, re.S).group(0)
    assert "Archive story 6<" in top and "Archive story 11<" in top
    assert re.search(
        r'<h2 id="section-\d+" class="block-title"><a href="/section/sport/">Sport</a></h2>', html
    )
    assert "Cup final tonight" in html


def test_cards_name_their_section_except_under_its_own_heading(client, newsroom):
    html = _home_with_world_and_sport(client, newsroom)
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert '<p class="kicker"><a href="/section/world/">World</a></p>' in latest
    blocks = re.findall(r'<section class="section-block[^"]*".*?</section>', html, re.S)
    (sport_block,) = [block for block in blocks if 'href="/section/sport/"' in block]
    assert "Cup final tonight" in sport_block
    assert 'class="kicker"' not in sport_block


def test_pinned_story_leads_the_home_page(client, newsroom):
    newsroom.archive(3)
    newsroom.story(
        "Pinned analysis", pinned=True, published_at=datetime(2021, 5, 1, tzinfo=ZoneInfo("UTC"))
    )
    lead = re.search(r'<section class="lead".*?</section>', client.get("/").content.decode(), re.S)
    assert "Pinned analysis" in lead.group(0)


def test_section_blocks_show_each_sections_newest_not_already_in_latest(client, newsroom):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    newsroom.archive(13, section=world)  # 11 fill lead + latest, two left for World's block
    start = datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC"))
    for i in range(6):
        newsroom.story(f"Match report {i}", section=sport, published_at=start - timedelta(days=i))
    newsroom.story(
        "Pinned sport", section=sport, pinned=True, published_at=start - timedelta(days=30)
    )
    html = client.get("/").content.decode()
    lead = re.search(r'<section class="lead".*?</section>', html, re.S).group(0)
    assert "Pinned sport" in lead
    blocks = dict(
        re.findall(
            r'<a href="/section/(\w+)/">\w+</a></h2>\s*<div class="grid">(.*?)</div>\s*</section>',
            html,
            re.S,
        )
    )
    titles = {
        name: re.findall(r'card-title"><a href="[^"]+">([^<]+)<', block)
        for name, block in blocks.items()
    }
    # Archive story 1..10 fill "latest" after the pinned lead: World's block starts at 11.
    assert titles["world"] == ["Archive story 11", "Archive story 12", "Archive story 13"]
    assert titles["sport"] == [f"Match report {i}" for i in range(4)]


def test_navigation_lists_sections_in_order(client, newsroom):
    newsroom.section("Sport", order=2)
    newsroom.section("Russia Ukraine War", order=1)
    nav = re.search(
        r'<nav class="sections".*?</nav>', client.get("/").content.decode(), re.S
    ).group(0)
    assert re.findall(r">([^<>]+)</a>", nav) == ["Home", "Russia Ukraine War", "Sport", "Blog"]


@override_settings(TIME_ZONE="Asia/Tehran")
def test_date_bar_shows_today_in_the_site_time_zone(client, db):
    today = datetime.now(ZoneInfo("Asia/Tehran"))
    html = client.get("/").content.decode()
    expected = f"{today:%A}, {today:%B} {today.day}, {today.year}"
    assert f'<p class="dateline"><time datetime="{today:%Y-%m-%d}">{expected}</time></p>' in html


def test_section_page_is_paginated_with_its_own_breadcrumb(client, newsroom):
    war = newsroom.section("Russia Ukraine War")
    newsroom.archive(12, section=war)
    newsroom.story("Elsewhere", section=newsroom.section("Sport"))
    html = client.get("/section/russia-ukraine-war/page/2/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Home", "Russia Ukraine War", "Page 2"]
    assert "Archive story 11" in html and "Elsewhere" not in html
    assert 'aria-current="page">Russia Ukraine War</a>' in html
    assert client.get("/section/russia-ukraine-war/page/3/").status_code == 404
    assert client.get("/section/no-such-section/").status_code == 404


def test_tag_and_author_pages_list_their_stories(client, newsroom):
    energy, person = (
        newsroom.tag("Energy"),
        newsroom.person("Olena Marchenko", bio="Kyiv correspondent."),
    )
    newsroom.story("Tagged story", tags=[energy])
    newsroom.story("Her story", bylines=[person])
    newsroom.story("Unrelated")
    tag_html = client.get("/tag/energy/").content.decode()
    assert "Tagged story" in tag_html and "Unrelated" not in tag_html and "Tag: Energy" in tag_html
    author_html = client.get("/author/olena-marchenko/").content.decode()
    assert "Her story" in author_html and "Unrelated" not in author_html
    assert "Kyiv correspondent." in author_html
    assert client.get("/tag/energy/page/1/")["Location"] == "/tag/energy/"


def test_404_page_is_in_the_site_style(client, db):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="site-header"' in html and "site.css" in html


def test_500_page_is_in_the_site_style(db):
    from django.test import Client
    from django.urls import path

    def boom(request):
        raise RuntimeError("deliberate failure")

    urlpatterns = [path("boom/", boom)]
    with override_settings(ROOT_URLCONF=type("Urls", (), {"urlpatterns": urlpatterns})):
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_navigation_links_each_section_where_it_is_now(client, newsroom):
    world = newsroom.section("World", order=1)
    assert 'href="/section/world/">World</a>' in client.get("/").content.decode()
    world.slug = "world-news"
    world.save()
    html = client.get("/").content.decode()
    assert html.count('href="/section/world-news/">World</a>') == 2  # header and footer
    assert "/section/world/" not in html


def test_not_found_page_claims_no_address(client, newsroom):
    newsroom.archive(2)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert "og:url" not in html
    assert "<h1>Page not found</h1>" in html


def feed_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"', html)


def test_home_and_story_pages_advertise_their_feeds(client, newsroom):
    world = newsroom.section("World")
    story = newsroom.story("Harbour reopens", section=world)
    home = feed_links(client.get("/").content.decode())
    assert ("application/rss+xml", "/feeds/rss/") in home
    assert ("application/atom+xml", "/feeds/atom/") in home
    on_story = feed_links(client.get(story.get_absolute_url()).content.decode())
    assert on_story[:2] == [
        ("application/rss+xml", "/feeds/section/world/rss/"),
        ("application/atom+xml", "/feeds/section/world/atom/"),
    ]
    assert ("application/rss+xml", "/feeds/rss/") in on_story
    for _, url in home + on_story:
        assert client.get(url).status_code == 200, url
