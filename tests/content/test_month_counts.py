"""Month totals (PageMonthCount) stay exact through every change to a story, and pages,
feeds' day bounds and a story's page located through them are COUNT + OFFSET's, at every
depth and across month boundaries."""

import os
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.content.models import Byline, PageCount, PageMonthCount, Status, Story
from newsdesk.content.services import pagecounts, publishing, revisions, trash, upkeep, workflow
from newsdesk.content.services.lists import StoryList, story_list_page
from newsdesk.content.services.pagecounts import day_of, day_start, month_of
from newsdesk.content.services.pages import (
    PageNotFound,
    oldest_day_needed,
    page_of,
    pages_of,
)
from newsdesk.content.services.visibility import live_stories

postgres_only = pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="concurrent writers need a server database (PostgreSQL)",
)


def months_back(month, n):
    """The first day of the month `n` months before `month` (a first day)."""
    for _ in range(n):
        month = month_of(month - timedelta(days=1))
    return month


def kept_counts():
    days = PageCount.objects.filter(stories__gt=0).values_list("list_key", "day", "stories")
    months = PageMonthCount.objects.filter(stories__gt=0).values_list(
        "list_key", "month", "stories"
    )
    return set(days), set(months)


def assert_counts_exact():
    """What the services kept is what a rebuild from the stories table gives."""
    kept = kept_counts()
    assert kept[1], "no month totals at all"
    pagecounts.rebuild_counts()
    assert kept == kept_counts()


def month_total(list_key, month):
    row = PageMonthCount.objects.filter(list_key=list_key, month=month).first()
    return row.stories if row else 0


@pytest.fixture
def year(newsroom):
    """Stories over fourteen months, some months empty, some on the first and the last
    instant of a month, in a section, a tag and a byline."""
    section, tag, person = newsroom.section("World"), newsroom.tag("Oil"), newsroom.person()
    now = timezone.now()
    this_month = month_of(day_of(now))
    times = []
    for back in range(14):
        start = day_start(months_back(this_month, back))
        end = day_start(months_back(this_month, back - 1)) if back else now
        if back % 5 == 3:
            continue  # a month without stories
        times += [start, end - timedelta(seconds=1)]
        times += [start + timedelta(hours=29 * k + 7) for k in range(back % 4)]
    times = sorted({t for t in times if t < now}, reverse=True)
    stories = [
        newsroom.story(
            f"Story {i}",
            section=section if i % 2 else None,
            tags=[tag] if i % 3 else [],
            bylines=[person] if i % 4 else [],
            published_at=moment,
        )
        for i, moment in enumerate(times)
    ]
    return section, tag, person, stories


def lists_of(section, tag, person):
    return [
        (StoryList(key).stories(), key)
        for key in (
            pagecounts.ALL,
            pagecounts.section_key(section.pk),
            pagecounts.tag_key(tag.pk),
            pagecounts.author_key(person.pk),
        )
    ]


def assert_pages_agree(section, tag, person, per_page, now=None):
    """Every page of the four lists, as read at `now`, is COUNT + OFFSET's page."""
    now = now or timezone.now()
    for _, key in lists_of(section, tag, person):
        live = pagecounts.list_filter(live_stories(now), key).order_by("-published_at", "-id")
        ids = list(live.values_list("pk", flat=True))
        expected = [ids[i : i + per_page] for i in range(0, len(ids), per_page)] or [[]]
        located = [
            [s.pk for s in story_list_page(key, n, per_page=per_page, now=now).items]
            for n in range(1, len(expected) + 1)
        ]
        assert located == expected, key
        with pytest.raises(PageNotFound):
            story_list_page(key, len(expected) + 1, per_page=per_page, now=now)


@pytest.mark.parametrize("per_page", [1, 2, 5, 9])
def test_pages_at_every_depth_match_count_and_offset(year, per_page):
    section, tag, person, stories = year
    assert len(stories) > 25
    assert_pages_agree(section, tag, person, per_page)


def test_month_totals_are_the_stories_of_each_month(year):
    section, tag, person, stories = year
    for key, members in [
        (pagecounts.ALL, stories),
        (pagecounts.tag_key(tag.pk), [s for s in stories if s.tags.exists()]),
    ]:
        months = {}
        for story in members:
            month = month_of(day_of(story.published_at))
            months[month] = months.get(month, 0) + 1
        kept = dict(
            PageMonthCount.objects.filter(list_key=key, stories__gt=0).values_list(
                "month", "stories"
            )
        )
        assert kept == months
    assert_counts_exact()


def test_oldest_day_needed_is_the_day_of_the_wanted_story(year):
    section, tag, person, _ = year
    now = timezone.now()
    for queryset, key in lists_of(section, tag, person):
        past = [
            day_of(moment)
            for moment in queryset.filter(published_at__lt=day_start(day_of(now))).values_list(
                "published_at", flat=True
            )
        ]
        for wanted in range(1, len(past) + 2):
            expected = past[wanted - 1] if wanted <= len(past) else None
            assert oldest_day_needed(key, wanted, now) == expected, (key, wanted)


def test_page_of_is_where_count_and_offset_put_the_story(year, newsroom):
    section, tag, person, stories = year
    outsider = stories[len(stories) // 2]  # in the archive, and out of the tag's list now
    outsider.tags.clear()
    for queryset, key in lists_of(section, tag, person)[::2]:
        ids = list(queryset.values_list("pk", flat=True))
        for story in stories:
            newer = (
                ids.index(story.pk)
                if story.pk in ids
                else sum(
                    1 for s in queryset if (s.published_at, s.pk) > (story.published_at, story.pk)
                )
            )
            assert page_of(key, story.published_at, story.pk, per_page=4) == newer // 4 + 1


def edit(story, user, **fields):
    """A desk save of `fields` (tags and bylines included) on the story as it is now."""
    story = Story.objects.get(pk=story.pk)
    return revisions.save_story(story, fields, user, story.version)


def test_month_totals_follow_every_change(year, newsroom, editor):
    section, tag, person, stories = year
    now = timezone.now()
    this_month = month_of(day_of(now))
    last_month = months_back(this_month, 1)
    boundary = day_start(this_month)

    # A story moves across a month boundary: out of one month's total, into the next.
    mover = newsroom.story("Mover", published_at=boundary - timedelta(minutes=30), tags=[tag])
    before = month_total(pagecounts.ALL, last_month), month_total(pagecounts.ALL, this_month)
    publishing.publish(mover, at=boundary + timedelta(minutes=30))
    assert month_total(pagecounts.ALL, last_month) == before[0] - 1
    assert month_total(pagecounts.ALL, this_month) == before[1] + 1
    assert_counts_exact()

    # Rescheduled into next month: counted there (its pages take it by the clock).
    next_month = pagecounts.next_month(this_month)
    publishing.publish(mover, at=day_start(next_month) + timedelta(days=3))
    assert mover.status == Status.SCHEDULED
    assert month_total(pagecounts.tag_key(tag.pk), next_month) == 1
    assert_counts_exact()

    draft = newsroom.story("Draft", status=Status.DRAFT, section=section, bylines=[person])
    draft.published_at = boundary - timedelta(days=40)
    publishing.publish(draft)
    assert_counts_exact()
    publishing.unpublish(stories[3])
    assert_counts_exact()
    workflow.trash(stories[5], editor)
    assert_counts_exact()
    trash.restore(Story.objects.get(pk=stories[5].pk))
    assert_counts_exact()

    edit(stories[6], editor, section=None)
    edit(stories[7], editor, section=section)
    edit(stories[8], editor, tags=[tag])
    edit(stories[10], editor, tags=[])
    assert_counts_exact()
    for story in tag.stories.all():
        edit(story, editor, tags=[newsroom.tag()])
    assert_counts_exact()
    byline = Byline.objects.filter(person=person).first()
    edit(byline.story, editor, bylines=[newsroom.person()])
    edit(stories[1], editor, bylines=[*stories[1].people, person])
    edit(stories[2], editor, bylines=[])
    assert_counts_exact()
    workflow.trash(stories[4], editor)
    assert trash.purge_expired(now=now + timedelta(days=trash.trash_days() + 1)) == 1
    assert_counts_exact()

    # A bulk writer (the WordPress import) defers its recounts to the end.
    with upkeep.deferred():
        for days in (3, 35, 70):
            newsroom.story(published_at=now - timedelta(days=days), tags=[tag], bylines=[person])
        publishing.publish(stories[9], at=stories[9].published_at - timedelta(days=31))
    assert_counts_exact()
    assert_pages_agree(section, tag, person, per_page=3)
    later = day_start(next_month) + timedelta(days=4)
    assert_pages_agree(section, tag, person, per_page=3, now=later)


def test_migration_sums_the_day_counts_into_months(year):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("newsdesk.content.migrations.0005_page_month_counts")
    kept = kept_counts()[1]
    PageMonthCount.objects.all().delete()
    migration.sum_days_into_months(apps, None)
    assert kept_counts()[1] == kept


def test_recount_command_rebuilds_month_totals(year):
    from django.core.management import call_command

    kept = kept_counts()
    PageMonthCount.objects.update(stories=0)
    call_command("recount_pages")
    assert kept_counts() == kept


def test_live_total_leaves_out_what_is_not_live_yet(year):
    """A story scheduled later this month is counted in its month, not on the pages yet."""
    section, tag, person, stories = year
    later = timezone.now() + timedelta(hours=2)
    assert publishing.publish(stories[0], at=later).status == Status.SCHEDULED
    assert story_list_page(pagecounts.ALL, 1, per_page=1).num_pages == len(stories) - 1
    assert live_stories().count() == len(stories) - 1
    assert_pages_agree(section, tag, person, per_page=2)
    assert_pages_agree(section, tag, person, per_page=2, now=later + timedelta(minutes=1))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_month_total_waits_for_the_other_writer_of_that_month():
    """Two editors move a story each into the same month at once. The second one's sum of
    the month's days must wait for the first one's commit, or it misses the first move."""
    from tests.builders import NewsroomBuilder

    newsroom = NewsroomBuilder()
    start = day_start(months_back(month_of(day_of(timezone.now())), 2))
    before = start - timedelta(days=10)  # the month before
    first, second = (newsroom.story(published_at=before + timedelta(days=n)) for n in (1, 3))
    first_saved, second_saving = threading.Event(), threading.Event()
    errors = []

    def in_thread(work):
        def run():
            try:
                work()
            except Exception as error:  # noqa: BLE001 — reported below
                errors.append(error)
                first_saved.set()
                second_saving.set()
            finally:
                connection.close()

        return threading.Thread(target=run)

    def move_first():
        with transaction.atomic():  # its counts stay uncommitted until the second is saving
            publishing.publish(first, at=start + timedelta(days=3))
            first_saved.set()
            second_saving.wait(10)
            time.sleep(0.5)  # the second reaches the month row meanwhile

    def move_second():
        first_saved.wait(10)
        second_saving.set()
        publishing.publish(second, at=start + timedelta(days=9))

    threads = [in_thread(move_first), in_thread(move_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert month_total(pagecounts.ALL, month_of(start.date())) == 2
    assert month_total(pagecounts.ALL, month_of(before.date())) == 0
    assert_counts_exact()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_writers_across_a_month_end_neither_deadlock_nor_lose_counts():
    """Writers moving stories back and forth across a month's end at once lock day rows,
    then month rows, in one order: none deadlocks, and every total ends up exact."""
    from tests.builders import NewsroomBuilder

    newsroom = NewsroomBuilder()
    tag = newsroom.tag()
    start = day_start(months_back(month_of(day_of(timezone.now())), 2))
    stories = [
        newsroom.story(published_at=start + timedelta(days=n), tags=[tag]) for n in (3, 9, 15, 21)
    ]
    errors = []

    def shuffle(story, offset):
        try:
            for n in range(30):
                moment = start + timedelta(days=(offset + 17 * n) % 45, hours=n)
                publishing.publish(story, at=moment)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=shuffle, args=(s, i * 7)) for i, s in enumerate(stories)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert_counts_exact()


def test_pages_of_places_a_story_in_every_list_as_page_of_does(year, newsroom, settings):
    """Several lists in one count (today's stories) or list by list (older ones): the same
    pages as `page_of`, for stories in a list and out of it."""
    section, tag, person, stories = year
    settings.NEWSDESK_PAGE_SIZE = 2
    now = timezone.now()
    today = [
        newsroom.story(
            f"Today {i}",
            section=section if i % 2 else None,
            tags=[tag] if i % 3 else [],
            bylines=[person] if i % 4 else [],
            published_at=max(day_start(day_of(now)), now - timedelta(minutes=7 * i + 1)),
        )
        for i in range(9)
    ]
    keys = [key for _, key in lists_of(section, tag, person)]
    for story in today + stories:
        together = pages_of(keys, story.published_at, story.pk, now=now)
        alone = {key: page_of(key, story.published_at, story.pk, now=now) for key in keys}
        assert together == alone, story.headline
    # Today's stories spread over more than one page of each list: the counts were real.
    assert len({pages_of(keys, s.published_at, s.pk, now=now)[keys[0]] for s in today}) > 2
