"""Two web hosts, each with its own page cache on its own disk, share purges through Redis:
host B's follower (`newsdesk pagecache-follow`, a real process) drops exactly the pages
host A's change purged, so nginx on B never keeps serving the old story."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
import redis
from django.test import override_settings
from django.utils import timezone

from newsdesk.content.services import publishing
from newsdesk.pagecache import peers, store

REDIS_URL = "redis://127.0.0.1:6379/8"


@pytest.fixture
def hosts(tmp_path, settings):
    redis.Redis.from_url(REDIS_URL).delete(peers.STREAM)
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_PEERS = REDIS_URL
    settings.SECURE_SSL_REDIRECT = False
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "host-a"
    return tmp_path / "host-a", tmp_path / "host-b"


def start_follower(cache_dir, env):
    env = dict(env)
    env.update(
        NEWSDESK_PAGE_CACHE_DIR=str(cache_dir),
        NEWSDESK_PAGE_CACHE_PEERS=REDIS_URL,
        PYTHONUNBUFFERED="1",
    )
    follower = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "pagecache-follow"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = follower.stdout.readline()  # printed once it has emptied its cache and follows
    assert "Following page-cache purges" in line, follower.stderr.read()
    return follower


def wait_until(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_change_on_one_host_purges_the_same_pages_on_the_other(
    hosts, client, newsroom, clean_env, django_capture_on_commit_callbacks
):
    host_a, host_b = hosts
    now = timezone.now()
    changed = newsroom.story("Ferry sails at noon", published_at=now - timedelta(hours=1))
    other = newsroom.story("Market opens", published_at=now - timedelta(days=40))
    follower = start_follower(host_b, clean_env)
    try:
        for cache_dir in (host_a, host_b):  # readers fill both hosts' caches
            with override_settings(NEWSDESK_PAGE_CACHE_DIR=cache_dir):
                for url in (changed.get_absolute_url(), other.get_absolute_url(), "/"):
                    assert client.get(url).status_code == 200
                    assert store.find(url) is not None

        changed.headline = "Ferry sails at three"
        with django_capture_on_commit_callbacks(execute=True):
            publishing.save_changes(changed)  # on host A

        with override_settings(NEWSDESK_PAGE_CACHE_DIR=host_b):
            assert wait_until(lambda: store.find(changed.get_absolute_url()) is None)
            assert store.find("/") is None  # the home page shows it too
            assert store.find(other.get_absolute_url()) is not None  # exact: nothing else
            assert "Ferry sails at three" in client.get(changed.get_absolute_url()).text
    finally:
        follower.terminate()
        follower.wait(10)


def test_one_host_needs_no_follower(clean_env):
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "pagecache-follow"],
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "NEWSDESK_PAGE_CACHE_PEERS is not set" in result.stderr
