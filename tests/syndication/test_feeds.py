from datetime import timedelta

import feedparser
import lxml.html
import pytest
from django.utils import timezone
from lxml import etree

from newsdesk.content.models import Person, Status, Story, Tag

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
NAMES = {**ATOM, "content": "http://purl.org/rss/1.0/modules/content/"}
HOSTILE = "Tom & Jerry <script>alert(1)</script> 🎉 حمله به کی‌یف \x0b\x1f\x08 end"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_site_feed_lists_live_stories_newest_first(client, newsroom, url):
    older = newsroom.story("Older story", published_at=timezone.now() - timedelta(hours=2))
    newer = newsroom.story("Newer story", published_at=timezone.now() - timedelta(hours=1))
    newsroom.story("A draft", status=Status.DRAFT)
    newsroom.story("Tomorrow", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(1))
    _, feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Newer story", "Older story"]
    assert feed.entries[0].link == f"http://testserver{newer.get_absolute_url()}"
    assert feed.entries[1].link.endswith(older.get_absolute_url())


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_hostile_headline_stays_valid(client, newsroom, url):
    newsroom.story(HOSTILE, standfirst="Fish & chips < 5 \x07 pounds", body="<p>A &amp; B</p>")
    _, feed = parse(client, url)
    title = feed.entries[0].title
    assert title.startswith("Tom & Jerry <script>alert(1)</script> 🎉 حمله به کی‌یف")
    assert "\x0b" not in title and title.endswith(" end")


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_summary_is_the_standfirst_and_the_body_is_the_content(client, newsroom, settings, url):
    newsroom.story("Full", standfirst="Short summary", body="<p>The whole body text.</p>")
    response, feed = parse(client, url)
    entry = feed.entries[0]
    assert entry.summary == "Short summary"
    assert [c.value for c in entry.content] == ["<p>The whole body text.</p>"]
    assert entry.content[0].type == "text/html"
    settings.NEWSDESK_FEED_FULL_CONTENT = False
    _, feed = parse(client, url)
    assert feed.entries[0].summary == "Short summary"
    assert "content" not in feed.entries[0]


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_a_standfirst_is_shown_as_text_never_run_as_html(client, newsroom, url):
    newsroom.story("Hostile", standfirst='Why <script>alert(1)</script> & <b>"why not"</b>')
    response, feed = parse(client, url)
    root = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))
    (html,) = root.xpath("//description[not(parent::channel)] | //atom:summary", namespaces=ATOM)
    # What a reader renders: the summary's HTML, which is the text itself, escaped.
    assert lxml.html.fragment_fromstring(html.text, create_parent=True).text_content() == (
        'Why <script>alert(1)</script> & <b>"why not"</b>'
    )
    assert "<script" not in html.text


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_story_without_standfirst_is_summarized_from_its_body(client, newsroom, url):
    newsroom.story("Plain", standfirst="", body="<p>First <b>words</b> of the story.</p>")
    _, feed = parse(client, url)
    assert feed.entries[0].summary == "First words of the story."


def test_every_atom_entry_has_an_author(client, newsroom):
    """RFC 4287: an entry without its own author takes the feed's, which must be there."""
    person = newsroom.person("Sara Reporter")
    newsroom.story("Bylined", bylines=[person])
    newsroom.story("Unsigned", published_at=timezone.now() - timedelta(hours=1))
    response = client.get("/feeds/atom/")
    root = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))
    assert root.findtext("atom:author/atom:name", namespaces=ATOM) == "Newsdesk"
    authors = {
        entry.findtext("atom:title", namespaces=ATOM): entry.findtext(
            "atom:author/atom:name", namespaces=ATOM
        )
        for entry in root.findall("atom:entry", ATOM)
    }
    assert authors == {"Bylined": "Sara Reporter", "Unsigned": None}
    _, feed = parse(client, "/feeds/atom/")
    assert feed.feed.author == "Newsdesk"


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_links_and_pictures_in_bodies_are_absolute(client, newsroom, url):
    other = newsroom.story("Other", published_at=timezone.now() - timedelta(hours=1))
    story = newsroom.story(
        "Linking",
        body=(
            f'<p>See <a href="{other.get_absolute_url()}">this</a>, '
            '<a href="#notes">notes</a> and <a href="https://example.org/x">elsewhere</a>.</p>'
            '<p><img src="/media/a.jpg" alt="A" srcset="/media/a-400.webp 400w, '
            '/media/a-800.webp 800w" width="4" height="3"></p>'
        ),
    )
    response, _ = parse(client, url)
    root = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))
    # As written (feedparser's own sanitizer would drop srcset).
    (body,) = root.xpath(
        "//*[title='Linking']/content:encoded/text()"
        " | //atom:entry[atom:title='Linking']/atom:content/text()",
        namespaces=NAMES,
    )
    content = lxml.html.fragment_fromstring(body, create_parent=True)
    site = "http://testserver"
    assert [a.get("href") for a in content.iter("a")] == [
        f"{site}{other.get_absolute_url()}",
        f"{site}{story.get_absolute_url()}#notes",
        "https://example.org/x",
    ]
    (img,) = content.iter("img")
    assert img.get("src") == f"{site}/media/a.jpg"
    assert img.get("srcset") == f"{site}/media/a-400.webp 400w, {site}/media/a-800.webp 800w"


def test_enclosure_for_featured_image_and_author_and_tags(client, newsroom):
    person = newsroom.person("Sara Reporter")
    tag = newsroom.tag("Economy")
    story = newsroom.story(
        "Pictured", featured_image=newsroom.image(), bylines=[person], tags=[tag]
    )
    _, feed = parse(client, "/feeds/rss/")
    entry = feed.entries[0]
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{story.featured_image.file.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == story.featured_image.file.size
    assert entry.author == "Sara Reporter"
    assert [t.term for t in entry.tags] == ["Economy"]


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_updated_story_carries_its_update_date(client, newsroom, url):
    published = timezone.now() - timedelta(hours=5)
    story = newsroom.story("Corrected", published_at=published)
    Story.objects.filter(pk=story.pk).update(updated_at=published + timedelta(hours=2))
    plain = newsroom.story("Untouched", published_at=published - timedelta(hours=1))
    _, feed = parse(client, url)
    by_title = {entry.title: entry for entry in feed.entries}
    corrected = by_title["Corrected"]
    assert corrected.updated_parsed[:5] == (published + timedelta(hours=2)).utctimetuple()[:5]
    assert corrected.published_parsed[:5] == published.utctimetuple()[:5]
    untouched = by_title[plain.headline]
    assert untouched.get("updated_parsed", untouched.published_parsed) == (
        untouched.published_parsed
    )


def test_section_tag_and_author_feeds_hold_only_their_stories(client, newsroom):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    tag, person = newsroom.tag("Elections"), newsroom.person("Ali Writer")
    newsroom.story("World story", section=world, tags=[tag])
    newsroom.story("Sport story", section=sport, bylines=[person])
    for kind in ("rss", "atom"):
        _, feed = parse(client, f"/feeds/section/{world.slug}/{kind}/")
        assert [e.title for e in feed.entries] == ["World story"]
        assert feed.feed.title.startswith("World")
        _, feed = parse(client, f"/feeds/tag/{tag.slug}/{kind}/")
        assert [e.title for e in feed.entries] == ["World story"]
        _, feed = parse(client, f"/feeds/author/{person.slug}/{kind}/")
        assert [e.title for e in feed.entries] == ["Sport story"]


def test_unicode_section_slug_and_unknown_slug(client, newsroom):
    section = newsroom.section("سیاست")
    newsroom.story("داستان", section=section)
    _, feed = parse(client, f"/feeds/section/{section.slug}/rss/")
    assert feed.entries[0].title == "داستان"
    assert client.get("/feeds/section/no-such-section/rss/").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_hostile_names_in_section_tag_and_author_feeds(client, newsroom, kind):
    section = newsroom.section("News & <Views> \x0c", description="R&D \x01 <b>")
    tag = newsroom.tag("Tag & \x02 co")
    person = newsroom.person("Ana \x1b O'Brien & Co")
    newsroom.story(HOSTILE, section=section, tags=[tag], bylines=[person])
    for url in (
        f"/feeds/section/{section.slug}/{kind}/",
        f"/feeds/tag/{tag.slug}/{kind}/",
        f"/feeds/author/{person.slug}/{kind}/",
    ):
        _, feed = parse(client, url)
        assert len(feed.entries) == 1
        assert feed.entries[0].author == "Ana  O'Brien & Co"
        assert feed.entries[0].tags[0].term == "Tag &  co"
    _, feed = parse(client, f"/feeds/section/{section.slug}/{kind}/")
    assert feed.feed.title.startswith("News & <Views> ")


@pytest.mark.parametrize("kind", ["tag", "author"])
def test_tag_and_author_feeds_hold_their_newest_stories_across_days(
    client, newsroom, monkeypatch, kind
):
    from newsdesk.syndication import feeds

    monkeypatch.setattr(feeds, "FEED_SIZE", 4)
    tag, person = newsroom.tag("Elections"), newsroom.person("Ali Writer")
    links = {"tags": [tag]} if kind == "tag" else {"bylines": [person]}
    now = timezone.now()
    for days in (9, 5, 3, 3, 1, 0):  # several past days and today
        newsroom.story(
            f"{days} days ago", published_at=now - timedelta(days=days, minutes=1), **links
        )
    newsroom.story("Not linked", published_at=now - timedelta(minutes=2))
    newsroom.story("Tomorrow", status=Status.SCHEDULED, published_at=now + timedelta(1), **links)
    slug = tag.slug if kind == "tag" else person.slug
    _, feed = parse(client, f"/feeds/{kind}/{slug}/rss/")
    assert [e.title for e in feed.entries] == [
        "0 days ago",
        "1 days ago",
        "3 days ago",
        "3 days ago",
    ]


def test_tag_feed_with_day_counts_out_of_date_still_holds_its_newest_stories(
    client, newsroom, monkeypatch
):
    from django.db.models import F

    from newsdesk.content.models import PageCount
    from newsdesk.content.services import pagecounts
    from newsdesk.syndication import feeds

    monkeypatch.setattr(feeds, "FEED_SIZE", 3)
    tag = newsroom.tag("Elections")
    now = timezone.now()
    for days in (0, 2, 4, 6):
        newsroom.story(f"{days} days ago", published_at=now - timedelta(days=days), tags=[tag])
    # Too high (writes that skipped the signals): the counted days would hold too few.
    PageCount.objects.filter(list_key=pagecounts.tag_key(tag.pk)).update(stories=F("stories") + 5)
    _, feed = parse(client, f"/feeds/tag/{tag.slug}/rss/")
    assert [e.title for e in feed.entries] == ["0 days ago", "2 days ago", "4 days ago"]


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
@pytest.mark.parametrize("full_content", [True, False])
def test_characters_xml_forbids_never_reach_a_feed(client, newsroom, settings, url, full_content):
    """The sanitizer drops control characters on save but keeps U+FFFE/U+FFFF, and a
    queryset update() skips it: the feed checks what it writes, bodies included."""
    settings.NEWSDESK_FEED_FULL_CONTENT = full_content
    story = newsroom.story("Clean headline", standfirst="")
    hostile = "<p>before\x0b\x1f\x01\ufffe\uffff after é</p>"  # PostgreSQL refuses NUL
    Story.objects.filter(pk=story.pk).update(body=hostile)
    response, feed = parse(client, url)
    for forbidden in (b"\x0b", b"\x1f", b"\x01", "\ufffe".encode(), "\uffff".encode()):
        assert forbidden not in response.content
    text = feed.entries[0].content[0].value if full_content else feed.entries[0].summary
    assert "before after é" in " ".join(text.split())


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_each_entry_has_its_own_people_in_byline_order_and_tags_by_name(client, newsroom, url):
    zoe, adam, mia = (newsroom.person(name) for name in ("Zoe Writer", "Adam Desk", "Mia Lens"))
    war, aid, zoo = (newsroom.tag(name) for name in ("War", "Aid", "Zoo"))
    newsroom.story(
        "Older", bylines=[mia], tags=[zoo], published_at=timezone.now() - timedelta(hours=2)
    )
    newsroom.story(
        "Newer",
        bylines=[zoe, adam],
        tags=[war, zoo, aid],
        published_at=timezone.now() - timedelta(hours=1),
    )
    newsroom.story("Nobody's", published_at=timezone.now() - timedelta(hours=3))
    _, feed = parse(client, url)
    entries = {entry.title: entry for entry in feed.entries}
    assert entries["Newer"].author == "Zoe Writer, Adam Desk"
    assert [t.term for t in entries["Newer"].tags] == ["Aid", "War", "Zoo"]
    assert entries["Older"].author == "Mia Lens"
    assert [t.term for t in entries["Older"].tags] == ["Zoo"]
    assert "tags" not in entries["Nobody's"]


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_a_feed_made_again_shows_every_value_as_it_is_now(client, newsroom, url):
    """A story's item is kept as written while the values it is written from stay the same:
    a value changed by any means, even a plain UPDATE no change event hears, shows the next
    time the feed is made, as does the address the feed is asked at."""
    person, tag = newsroom.person("Sara Reporter"), newsroom.tag("Economy")
    story = newsroom.story("Before", body="<p>Old body</p>", bylines=[person], tags=[tag])
    first, _ = parse(client, url)
    again, _ = parse(client, url)
    assert again.content == first.content
    Story.objects.filter(pk=story.pk).update(
        headline="After", body='<p>New <a href="/elsewhere/">body</a></p>'
    )
    Person.objects.filter(pk=person.pk).update(name="Sara Editor")
    Tag.objects.filter(pk=tag.pk).update(name="Markets")
    _, feed = parse(client, url)
    entry = feed.entries[0]
    assert (entry.title, entry.author) == ("After", "Sara Editor")
    assert [t.term for t in entry.tags] == ["Markets"]
    assert 'href="http://testserver/elsewhere/"' in entry.content[0].value
    secure = client.get(url, secure=True)
    entry = feedparser.parse(secure.content).entries[0]
    assert entry.link == f"https://testserver{story.get_absolute_url()}"
    assert 'href="https://testserver/elsewhere/"' in entry.content[0].value
