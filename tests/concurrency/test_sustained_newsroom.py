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


WRITERS = ("desk saves", "API saves", "admin saves", "corrections", "transitions")
CONFLICTS = ("desk conflicts", "API conflicts", "admin conflicts")


def every_writer_through_and_refused(tally) -> bool:
    """Every kind of writer got work through, and the race was real: some were refused."""
    counts = tally.counts
    return all(counts[k] >= 1 for k in WRITERS) and sum(counts[k] for k in CONFLICTS) >= 1


def test_editors_everywhere_at_once_lose_nothing_and_readers_see_no_stale_page(newsroom):
    tally = newsroom.run(seconds=8, until=every_writer_through_and_refused, longest=45)
    assert tally.errors == [], newsroom.server_errors()
    assert tally.stale == [] and tally.counts["stale pages"] == 0
    assert tally.counts["lost edits"] == 0
    assert every_writer_through_and_refused(tally), dict(tally.counts)
