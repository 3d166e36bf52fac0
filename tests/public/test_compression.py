"""Readers' pages are sent compressed; pages holding a CSRF token or a signed-in editor's
data never are (BREACH)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_readers_pages_are_compressed(client, newsroom):
    section = newsroom.section("World")
    newsroom.archive(12, section=section)
    story = newsroom.story("Harbour reopens", section=section)
    for url in ("/", "/blog/", section.get_absolute_url(), story.get_absolute_url()):
        plain = client.get(url)
        packed = client.get(url, **GZIP)
        assert packed["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3, url
        assert "Content-Encoding" not in plain  # a client that cannot unpack gets it plain


def test_pages_with_a_csrf_token_are_not_compressed(client):
    response = client.get("/admin/login/", **GZIP)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_signed_in_pages_are_not_compressed(client, editor, newsroom):
    newsroom.archive(12)
    client.force_login(editor)
    for url in ("/", "/desk/"):
        response = client.get(url, **GZIP, follow=True)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url


def test_feeds_are_compressed_and_the_api_is_left_alone(client, newsroom):
    newsroom.archive(12)
    feed = client.get("/feeds/rss/", **GZIP)
    assert feed["Content-Encoding"] == "gzip"
    assert gzip.decompress(feed.content).startswith(b"<?xml")
    api = client.get("/api/stories", **GZIP)
    assert api.status_code == 200 and "Content-Encoding" not in api
