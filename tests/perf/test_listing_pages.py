"""Numbered pages located from per-day counts give exactly what COUNT + OFFSET would."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import PageCount, Status, Story
from newsdesk.content.services import pagecounts, publishing, revisions, trash, workflow
from newsdesk.content.services.lists import StoryList, story_list_page
from newsdesk.content.services.pages import PageNotFound
from newsdesk.content.services.visibility import live_stories

PER_PAGE = 3


def naive_pages(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    return [ids[i : i + PER_PAGE] for i in range(0, len(ids), PER_PAGE)] or [[]]


def located_pages(page_of_list):
    """Every page's ids, through `page_of_list(number)`, which must refuse the page after."""
    first = page_of_list(1)
    pages = [[s.pk for s in first.items]]
    for number in range(2, first.num_pages + 1):
        pages.append([s.pk for s in page_of_list(number).items])
    with pytest.raises(PageNotFound):
        page_of_list(first.num_pages + 1)
    return pages


def assert_lists_agree(section, tag, person):
    for queryset, key in [
        (StoryList(key).stories(), key)
        for key in (
            pagecounts.ALL,
            pagecounts.section_key(section.pk),
            pagecounts.tag_key(tag.pk),
            pagecounts.author_key(person.pk),
        )
    ]:
        expected = naive_pages(queryset)
        assert located_pages(lambda n: story_list_page(key, n, per_page=PER_PAGE)) == expected


@pytest.fixture
def spread(newsroom):
    """Stories over ten days, several a day, some today, in a section, tag and byline."""
    section, tag, person = newsroom.section("World"), newsroom.tag("Oil"), newsroom.person()
    now = timezone.now()
    stories = []
    for i in range(26):
        stories.append(
            newsroom.story(
                f"Story {i}",
                section=section if i % 2 else None,
                tags=[tag] if i % 3 else [],
                bylines=[person] if i % 4 else [],
                published_at=now - timedelta(hours=9 * i, minutes=1),
            )
        )
    return section, tag, person, stories


def test_pages_match_count_and_offset(spread):
    section, tag, person, _ = spread
    assert PageCount.objects.filter(list_key=pagecounts.ALL).exists()
    assert_lists_agree(section, tag, person)


def test_pages_follow_unpublish_backdate_retag_and_delete(spread, newsroom, editor):
    section, tag, person, stories = spread

    def edit(story, **fields):
        story = Story.objects.get(pk=story.pk)
        revisions.save_story(story, fields, editor, story.version)

    publishing.unpublish(stories[7])
    publishing.publish(stories[12], at=timezone.now() - timedelta(days=40))
    edit(stories[5], section=None)
    edit(stories[4], tags=[])
    edit(stories[3], tags=[*stories[3].tags.all(), tag])
    edit(stories[8], bylines=[])
    workflow.trash(stories[20], editor)
    later = timezone.now() + timedelta(days=trash.trash_days() + 1)
    assert trash.purge_expired(now=later) == 1
    assert_lists_agree(section, tag, person)


def test_scheduled_story_joins_pages_by_the_clock(spread, newsroom):
    section, tag, person, _ = spread
    later = timezone.now() + timedelta(hours=30)
    scheduled = newsroom.story(
        "Tomorrow",
        status=Status.SCHEDULED,
        published_at=later,
        section=section,
        tags=[tag],
        bylines=[person],
    )
    first = story_list_page(pagecounts.ALL, 1, per_page=PER_PAGE)
    assert scheduled.pk not in [s.pk for s in first.items]
    # At its time the same list (no job has run) shows it first, and counts it.
    at_time = story_list_page(pagecounts.ALL, 1, per_page=PER_PAGE, now=later)
    assert at_time.items[0].pk == scheduled.pk
    assert at_time.num_pages == -(-live_stories(later).count() // PER_PAGE)


def test_rebuild_gives_the_same_counts(spread):
    before = set(PageCount.objects.filter(stories__gt=0).values_list("list_key", "day", "stories"))
    pagecounts.rebuild_counts()
    after = set(PageCount.objects.values_list("list_key", "day", "stories"))
    assert before == after


def test_rebuild_counts_a_story_once_in_each_of_its_tags_and_bylines(newsroom):
    tags, people = [newsroom.tag() for _ in range(3)], [newsroom.person() for _ in range(2)]
    for hours in (1, 2, 30):
        newsroom.story(
            tags=tags, bylines=people, published_at=timezone.now() - timedelta(hours=hours)
        )
    newsroom.story(tags=tags[:1])
    before = set(PageCount.objects.filter(stories__gt=0).values_list("list_key", "day", "stories"))
    pagecounts.rebuild_counts()
    after = set(PageCount.objects.values_list("list_key", "day", "stories"))
    assert before == after


@pytest.mark.parametrize("junk", ["0", "-1", "abc", "99"])
def test_bad_page_numbers_are_not_found(spread, junk):
    with pytest.raises(PageNotFound):
        story_list_page(pagecounts.ALL, junk, per_page=PER_PAGE)
