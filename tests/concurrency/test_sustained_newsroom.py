"""Desk, API, admin and workflow writers and readers at once, against real server processes
(granian with two workers, nginx in front): no confirmed edit is lost, no reader is served a
page older than an edit the server confirmed, no request fails. `bench/newsroom_load.py`
runs the same for minutes and prints the figures."""

import os

import pytest

from tests.concurrency.newsroom_load import Newsroom
from tests.concurrency.postgres import scratch_database


@pytest.fixture
def newsroom():
    with scratch_database(os.environ.get("DATABASE_URL")) as database_url:
        site = Newsroom(stories=2, database_url=database_url)
        try:
            site.start()
            yield site
        finally:
            site.stop()


def test_editors_everywhere_at_once_lose_nothing_and_readers_see_no_stale_page(newsroom):
    tally = newsroom.run(seconds=8)
    assert tally.errors == [], newsroom.server_errors()
    assert tally.stale == [] and tally.counts["stale pages"] == 0
    assert tally.counts["lost edits"] == 0
    # Every kind of writer got work through, and the race was real: some were refused.
    for saves in ("desk saves", "API saves", "admin saves", "corrections", "transitions"):
        assert tally.counts[saves] >= 1, dict(tally.counts)
    conflicts = sum(tally.counts[k] for k in ("desk conflicts", "API conflicts", "admin conflicts"))
    assert conflicts >= 1, dict(tally.counts)
