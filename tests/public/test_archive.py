"""The archive ("Home › Blog › Page N") as a reader sees it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def headlines(response) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_blog_lists_newest_first_with_page_size_ten(client, newsroom):
    newsroom.archive(25)
    response = client.get("/blog/")
    assert response.status_code == 200
    assert headlines(response) == [f"Archive story {i}" for i in range(1, 11)]


def test_page_three_has_breadcrumb_pager_and_rel_links(client, newsroom):
    newsroom.archive(35)
    response = client.get("/blog/page/3/")
    html = response.content.decode()
    assert response.status_code == 200
    assert headlines(response) == [f"Archive story {i}" for i in range(21, 31)]
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Home", "Blog", "Page 3"]
    assert '<link rel="prev" href="/blog/page/2/">' in html
    assert '<link rel="next" href="/blog/page/4/">' in html
    assert 'href="/blog/page/4/" rel="next"' in html
    assert '<span aria-current="page">3</span>' in html


def test_last_page_has_no_next_and_page_two_links_back_to_blog(client, newsroom):
    newsroom.archive(15)
    html = client.get("/blog/page/2/").content.decode()
    assert 'rel="next"' not in html
    assert '<link rel="prev" href="/blog/">' in html


def test_page_one_redirects_to_blog(client, newsroom):
    newsroom.archive(3)
    response = client.get("/blog/page/1/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/"


@pytest.mark.parametrize("number", ["0", "-1", "abc", "3.5", "999999999999999999999", "4"])
def test_bad_or_past_the_end_pages_are_404(client, newsroom, number):
    newsroom.archive(25)  # three pages
    response = client.get(f"/blog/page/{number}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_page_size_is_configurable(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 4
    newsroom.archive(9)
    assert len(headlines(client.get("/blog/"))) == 4
    assert len(headlines(client.get("/blog/page/3/"))) == 1


def test_unpublished_drafts_and_future_stories_are_not_listed(client, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.content.models import Status

    newsroom.story("Visible story")
    newsroom.story("A draft", status=Status.DRAFT)
    newsroom.story("Taken down", status=Status.UNPUBLISHED, published_at=timezone.now())
    newsroom.story(
        "Tomorrow's story", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    assert headlines(client.get("/blog/")) == ["Visible story"]
