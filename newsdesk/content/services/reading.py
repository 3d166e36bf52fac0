"""What the public pages read: lists for home, archive, section, tag and author pages."""

from collections import Counter

from django.db.models import Q, QuerySet
from django.http import Http404

from newsdesk.content.models import Person, Section, Story, Tag
from newsdesk.content.services.navigation import nav_sections
from newsdesk.content.services.visibility import (
    can_preview,
    live_stories,
    visible_stories,
    with_listing_relations,
    with_page_relations,
)

SECTION_BLOCK_SIZE = 4
LATEST_SIZE = 10


def archive() -> QuerySet[Story]:
    return with_listing_relations(live_stories().order_by("-published_at", "-id"))


def section_stories(section: Section) -> QuerySet[Story]:
    return archive().filter(section=section)


def tag_stories(tag: Tag) -> QuerySet[Story]:
    return archive().filter(tags=tag)


def author_stories(person: Person) -> QuerySet[Story]:
    return archive().filter(bylines=person)


def home_page() -> dict:
    """Lead story (a pinned one first), the latest after it, and a block per section."""
    live = live_stories().order_by("-published_at", "-id")
    # Which stories the page shows is settled on ids first (cheap rows); their cards are
    # then read in one query, whatever the number of sections.
    # The few pinned ids come from their partial index (asking for them in date order
    # would walk every story's date instead).
    pinned_ids = list(
        Story.objects.filter(pinned=True).order_by().values_list("pk", flat=True)[:100]
    )
    row = ("pk", "section_id", "pinned")
    pinned = (
        list(live.filter(pk__in=pinned_ids).values_list(*row)[: LATEST_SIZE + 1])
        if pinned_ids
        else []
    )
    newest = list(live.values_list(*row)[: LATEST_SIZE + 1])
    latest_rows = (pinned + [r for r in newest if not r[2]])[: LATEST_SIZE + 1]
    latest_ids = [pk for pk, _, _ in latest_rows]
    already = Counter(section_id for _, section_id, _ in latest_rows)
    sections = nav_sections()
    # Every section's newest few: an id IN (… LIMIT n) per section, each read from the
    # section index, so the query count does not grow with sections.
    wanted = Q(pk__in=latest_ids)
    for section in sections:
        newest_in_section = live.filter(section_id=section.pk).values("pk")
        wanted |= Q(pk__in=newest_in_section[: SECTION_BLOCK_SIZE + already[section.pk]])
    stories = {story.pk: story for story in with_listing_relations(live.filter(wanted))}
    latest = [stories[pk] for pk in latest_ids if pk in stories]
    shown = set(latest_ids)
    by_section = {}
    for story in stories.values():
        if story.pk not in shown:
            by_section.setdefault(story.section_id, []).append(story)
    blocks = [
        (section, by_section[section.pk][:SECTION_BLOCK_SIZE])
        for section in sections
        if by_section.get(section.pk)
    ]
    return {"lead": latest[0] if latest else None, "latest": latest[1:], "section_blocks": blocks}


def story_for_reader(pk: int, user) -> Story:
    """The story at `pk` if this user may see it; staff also see drafts (as a preview)."""
    try:
        return with_page_relations(visible_stories(user)).get(pk=pk)
    except Story.DoesNotExist:
        raise Http404("No such story") from None


def more_from_section(story: Story, count: int = 4) -> list[Story]:
    if not story.section_id:
        return []
    return list(section_stories(story.section).exclude(pk=story.pk)[:count])


__all__ = [
    "archive",
    "author_stories",
    "can_preview",
    "home_page",
    "more_from_section",
    "section_stories",
    "story_for_reader",
    "tag_stories",
]
