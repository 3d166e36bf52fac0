"""Absolute URLs name the configured site, whatever Host and X-Forwarded-Proto say: a page
rendered for one request is cached for every later reader."""

import socket
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.config import site_url

POISON = {"HTTP_HOST": "localhost:8214", "HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def site(settings):
    settings.NEWSDESK_SITE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["news.example.org", "localhost"]
    settings.SECURE_SSL_REDIRECT = False


def test_story_page_feed_and_api_name_the_site_not_the_request(client, newsroom, site):
    story = newsroom.story("Poisoned?", section=newsroom.section("World"))
    for url in (story.get_absolute_url(), "/", "/feeds/rss/", f"/api/stories/{story.pk}"):
        response = client.get(url, **POISON)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "localhost:8214" not in body, url
        assert "https://news.example.org/" in body, url


def test_cached_page_keeps_the_site_origin(client, newsroom, site, settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    story = newsroom.story("Cached")
    client.get(story.get_absolute_url(), **POISON)  # the poisoning request renders it
    later = client.get(story.get_absolute_url(), HTTP_HOST="news.example.org").content.decode()
    assert "localhost:8214" not in later
    assert f'href="https://news.example.org{story.get_absolute_url()}"' in later


@pytest.mark.parametrize(
    ("configured", "hosts", "https", "expected"),
    [
        ("https://news.example.org/", ["x.org"], True, "https://news.example.org"),
        ("", ["news.example.org"], True, "https://news.example.org"),
        ("", ["news.example.org"], False, "http://news.example.org"),
        ("", ["localhost", "127.0.0.1", "[::1]"], True, ""),
        ("", ["a.example", "b.example"], True, ""),
        ("", [".example.org"], True, ""),
    ],
)
def test_site_url_from_configuration(configured, hosts, https, expected):
    assert site_url(configured, hosts, https) == expected


def test_deploy_check_asks_for_the_site_url_when_it_cannot_be_known(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "y" * 60,
        "ALLOWED_HOSTS": "a.example,b.example",
    }
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "newsdesk.W001" in result.stdout + result.stderr


def test_serve_refuses_a_port_already_in_use():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(CommandError, match="already in use"):
            call_command("serve", host="127.0.0.1", port=port)
