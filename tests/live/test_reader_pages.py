"""What readers get of a live blog: entries on the story page, the polled fragment, older
entries by keyset, permanent links, JSON-LD and the feed; all page-cached and purged by
the blog's own changes only."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.live import services
from newsdesk.live.models import LiveEntry
from newsdesk.pagecache import store


def many_entries(blog, count, start=None):
    start = start or timezone.now() - timedelta(hours=5)
    return LiveEntry.objects.bulk_create(
        LiveEntry(
            story=blog,
            posted_at=start + timedelta(seconds=n),
            updated_at=start + timedelta(seconds=n),
            body=f"<p>Update number {n}</p>",
        )
        for n in range(count)
    )


def entry_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="live-entry[^"]*" id="entry-(\d+)"', html)]


def test_story_page_shows_pinned_key_events_and_newest_entries(client, blog, chief, settings):
    settings.NEWSDESK_LIVE_NEWEST = 3
    many_entries(blog, 5)
    key = services.post_entry(
        blog, chief, title="Landfall", body="The storm reached land.", key_event=True
    )
    pinned = services.post_entry(blog, chief, body="<p>Shelters are open.</p>", pinned=True)
    html = client.get(blog.get_absolute_url()).content.decode()
    pinned_at = html.index(f'id="entry-{pinned.pk}"')
    assert pinned_at < html.index("Key events") < html.index(f'id="entry-{key.pk}"')
    assert f'href="/live/{blog.pk}/entry/{key.pk}/"' in html  # key event summary links
    stream = html[html.index("data-live-list") :]
    assert len(entry_ids(stream)) == 3  # newest 3, pinned shown above, not again
    assert "Older entries" in html
    assert f"/live/{blog.pk}/updates/" in html and "live/live.js" in html


def test_older_entries_walk_back_by_keyset_to_the_first(client, blog, settings):
    settings.NEWSDESK_LIVE_NEWEST = 4
    settings.NEWSDESK_LIVE_OLDER = 4
    made = many_entries(blog, 10)
    html = client.get(blog.get_absolute_url()).content.decode()
    seen = entry_ids(html)
    while (link := re.search(r'href="(/live/\d+/older/\d+/)" data-live-older', html)) is not None:
        html = client.get(link[1]).content.decode()
        seen += entry_ids(html)
    assert seen == [e.pk for e in reversed(made)]
    assert "That was the first entry." in html


def test_an_entry_link_finds_the_entry_wherever_it_is(client, blog, settings):
    settings.NEWSDESK_LIVE_NEWEST = 2
    settings.NEWSDESK_LIVE_OLDER = 2
    made = many_entries(blog, 6)
    newest = client.get(f"/live/{blog.pk}/entry/{made[-1].pk}/")
    assert newest.url == f"{blog.get_absolute_url()}#entry-{made[-1].pk}"
    old = client.get(f"/live/{blog.pk}/entry/{made[1].pk}/")
    page, anchor = old.url.split("#")
    assert anchor == f"entry-{made[1].pk}"
    assert made[1].pk == entry_ids(client.get(page).content.decode())[0]


def test_updates_fragment_says_state_and_holds_newest(client, blog, chief):
    entry = services.post_entry(blog, chief, body="First")
    html = client.get(f"/live/{blog.pk}/updates/").content.decode()
    assert 'data-live-state="open"' in html and entry_ids(html) == [entry.pk]
    services.set_archived(blog, chief, True)
    html = client.get(f"/live/{blog.pk}/updates/").content.decode()
    assert 'data-live-state="archived"' in html


def test_json_ld_is_a_live_blog_posting_with_updates(client, blog, chief):
    entry = services.post_entry(blog, chief, title="Landfall", body="The storm reached land.")
    html = client.get(blog.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    posting = next(d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting")
    assert posting["coverageStartTime"]
    update = posting["liveBlogUpdate"][0]
    assert update["headline"] == "Landfall"
    assert update["url"].endswith(f"{blog.get_absolute_url()}#entry-{entry.pk}")
    services.set_archived(blog, chief, True)
    html = client.get(blog.get_absolute_url()).content.decode()
    assert '"coverageEndTime"' in html and "Live coverage has ended" in html


def test_feed_lists_entries_newest_first(client, blog, chief):
    services.post_entry(blog, chief, title="One", body="First")
    services.post_entry(blog, chief, title="Two", body="Second <a href='/story/1/x/'>link</a>")
    response = client.get(f"/live/{blog.pk}/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.index("<title>Two</title>") < xml.index("<title>One</title>")
    assert "http://testserver/story/1/x/" in xml  # links made absolute for feed readers


def test_unpublished_blogs_and_other_stories_have_no_live_endpoints(client, newsroom, chief):
    draft = newsroom.story("Draft live", kind="live", status="draft")
    article = newsroom.story("Plain")
    for story in (draft, article):
        assert client.get(f"/live/{story.pk}/updates/").status_code == 404
        assert client.get(f"/live/{story.pk}/feed/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_entry_purges_its_blog_pages_and_nothing_else(client, newsroom, chief, page_cache):
    from newsdesk.content.models import Kind

    blog = newsroom.story("Storm live", kind=Kind.LIVE)
    other = newsroom.story("Another story")
    first = services.post_entry(blog, chief, body="First")
    pages = [blog.get_absolute_url(), f"/live/{blog.pk}/updates/", f"/live/{blog.pk}/feed/"]
    for path in [*pages, "/", other.get_absolute_url()]:
        assert client.get(path).status_code == 200
        assert store.find(path) is not None, path
    services.post_entry(blog, chief, body="Second entry")
    assert [store.find(path) for path in pages] == [None, None, None]
    assert store.find("/") is not None and store.find(other.get_absolute_url()) is not None
    assert "Second entry" in client.get(f"/live/{blog.pk}/updates/").content.decode()
    services.edit_entry(first, chief, body="First, corrected")
    assert "First, corrected" in client.get(f"/live/{blog.pk}/updates/").content.decode()
    services.delete_entry(first, chief)
    assert f"entry-{first.pk}" not in client.get(f"/live/{blog.pk}/updates/").content.decode()
