"""Reads counted from the beacon, folded into the lists by the aggregation, shown to readers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Status
from newsdesk.content.services import publishing
from newsdesk.readership import aggregation, schedule, spool
from newsdesk.readership.models import DailyReads, DailySalt, HourlyReads, Read

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
OTHER_BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/133.0"


def read(client, story, agent=BROWSER, address="203.0.113.7", **headers):
    return client.post(f"/reads/{story.pk}", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers)


def views(story) -> int:
    return sum(HourlyReads.objects.filter(story=story).values_list("views", flat=True))


def most_read(client, path="/most-read/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def story(newsroom):
    return newsroom.story("Dam bursts above the valley", section=newsroom.section("World"))


def test_a_reload_is_one_read_and_two_readers_are_two(client, story):
    assert read(client, story).status_code == 204
    assert read(client, story).status_code == 204  # the same reader reloads
    assert read(client, story, agent=OTHER_BROWSER).status_code == 204
    assert read(client, story, address="198.51.100.20").status_code == 204
    aggregation.aggregate(everything=True)
    assert views(story) == 3
    assert DailyReads.objects.get(story=story).views == 3
    assert "Dam bursts above the valley" in most_read(client)


def test_robots_staff_and_other_sites_are_not_counted(client, story, editor):
    assert read(client, story, agent="Mozilla/5.0 (compatible; Googlebot/2.1)").status_code == 204
    assert read(client, story, agent="python-requests/2.32.3").status_code == 204
    assert read(client, story, agent="").status_code == 204
    refused = read(client, story, HTTP_SEC_FETCH_SITE="cross-site")
    assert refused.status_code == 403
    assert b"counted from this site" in refused.content
    client.force_login(editor)
    assert read(client, story).status_code == 204  # the newsroom reading its own story
    assert spool.take(everything=True) == 0
    client.logout()
    read(client, story)  # a reader's read is counted: the refusals above were for cause
    assert spool.take(everything=True) == 1


def test_reads_wait_in_the_spool_until_their_minute_is_over(client, story, read_spool):
    read(client, story)
    assert list(read_spool.iterdir())  # appended: no database work for the reader
    now = timezone.now()
    aggregation.aggregate(now)
    assert views(story) == 0 and Read.objects.count() == 0
    aggregation.aggregate(now + timedelta(minutes=2))
    assert views(story) == 1
    assert not list(read_spool.iterdir())  # taken and deleted


def test_the_page_without_scripts_counts_through_its_image(client, story):
    response = client.get(f"/reads/{story.pk}.gif", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "no-store"
    aggregation.aggregate(everything=True)
    assert views(story) == 1


def test_the_story_page_carries_the_beacon_and_the_most_read_box(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'data-read-beacon="/reads/{story.pk}"' in page
    assert f'src="/reads/{story.pk}.gif"' in page  # inside <noscript>
    assert 'data-most-read="/most-read/panel/"' in page
    assert 'href="/most-read/"' in page
    assert 'data-most-read="/most-read/panel/"' in client.get("/").content.decode()


def test_a_visitor_reading_faster_than_a_person_is_not_counted(client, newsroom, settings):
    settings.NEWSDESK_READS_PER_VISITOR_MINUTE = 3
    stories = [newsroom.story(f"Story {i}") for i in range(5)]
    for story in stories:
        read(client, story, address="192.0.2.66")  # a scraper with a browser's name
    read(client, stories[0], address="198.51.100.3")  # a reader
    aggregation.aggregate(everything=True)
    assert [views(story) for story in stories] == [1, 0, 0, 0, 0]


def test_reads_of_unknown_or_hidden_stories_are_dropped(client, newsroom, story):
    draft = newsroom.story("Not yet", status=Status.DRAFT)
    read(client, draft)
    client.post("/reads/999999", HTTP_USER_AGENT=BROWSER)
    read(client, story)
    aggregation.aggregate(everything=True)
    assert list(HourlyReads.objects.values_list("story_id", flat=True)) == [story.pk]
    assert client.post("/reads/not-a-number", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert client.get(f"/reads/{story.pk}").status_code == 405


def test_an_unpublished_story_leaves_the_lists(client, story, editor):
    read(client, story)
    aggregation.aggregate(everything=True)
    assert "Dam bursts above the valley" in most_read(client, "/most-read/panel/")
    publishing.unpublish(story, editor)
    assert "Dam bursts above the valley" not in most_read(client, "/most-read/panel/")
    assert "Dam bursts above the valley" not in most_read(client)


def test_the_day_and_week_lists_cover_their_windows(client, newsroom):
    now = timezone.now()
    today = newsroom.story("Read today", published_at=now - timedelta(days=5))
    earlier = newsroom.story("Read four days ago", published_at=now - timedelta(days=6))
    for i in range(3):  # three readers four days ago, as the beacon stored them
        moment = now - timedelta(days=4, minutes=i)
        Read.objects.create(story_id=earlier.pk, day=moment.date(), visitor=f"v{i}", at=moment)
    read(client, today)
    aggregation.aggregate(everything=True)
    panel = most_read(client, "/most-read/panel/")
    day, week = panel.split('id="most-read-week"')
    assert "Read today" in day and "Read four days ago" not in day
    assert week.index("Read four days ago") < week.index("Read today")


def test_salts_and_reads_are_forgotten_when_the_day_is_over(client, story):
    read(client, story)
    read(client, story, agent=OTHER_BROWSER)
    assert DailySalt.objects.count() == 1
    aggregation.aggregate(now=timezone.now() + timedelta(days=1))
    assert DailySalt.objects.count() == 0
    assert Read.objects.count() == 0  # no visitor hash outlives its day
    assert views(story) == 2  # the counts stay


def test_the_aggregation_is_enqueued_once_however_many_workers_ask(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.NEWSDESK_MOST_READ_EVERY = 120
    now = timezone.now()
    assert schedule.enqueue_due(now) is True
    assert schedule.enqueue_due(now) is False
    assert schedule.enqueue_due(now + timedelta(seconds=60)) is False
    assert schedule.enqueue_due(now + timedelta(seconds=121)) is True
    assert DBTaskResult.objects.filter(task_path__contains="aggregate_reads_job").count() == 2


def test_readers_behind_the_front_server_are_told_apart_by_its_header_alone(client, story):
    for reader in ("203.0.113.1", "203.0.113.2"):  # nginx appends the reader's address
        read(client, story, address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {reader}")
    for forged in ("203.0.113.3", "203.0.113.4"):  # a client writing the header itself
        read(client, story, address="198.51.100.9", HTTP_X_FORWARDED_FOR=forged)
    aggregation.aggregate(everything=True)
    assert views(story) == 3
