"""What the public pages read: lists for home, archive, section, tag and author pages."""

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
    # Pinned stories first, then the newest: the few pinned ids come from their partial
    # index (asking for them in date order would walk every story's date instead).
    pinned_ids = list(
        Story.objects.filter(pinned=True).order_by().values_list("pk", flat=True)[:100]
    )
    pinned = list(archive().filter(pk__in=pinned_ids)[: LATEST_SIZE + 1]) if pinned_ids else []
    newest = list(archive()[: LATEST_SIZE + 1])
    latest = (pinned + [s for s in newest if not s.pinned])[: LATEST_SIZE + 1]
    lead = latest[0] if latest else None
    shown = {story.pk for story in latest}
    sections = nav_sections()
    # Every section's newest few in one query (an id IN (… LIMIT n) per section, each read
    # from the section index), so the home page's query count does not grow with sections.
    wanted = Q(pk__in=[])
    for section in sections:
        newest_ids = live_stories().filter(section=section).order_by("-published_at", "-id")
        already = sum(1 for story in latest if story.section_id == section.pk)
        wanted |= Q(pk__in=newest_ids.values("pk")[: SECTION_BLOCK_SIZE + already])
    by_section = {}
    for story in archive().filter(wanted) if sections else []:
        if story.pk not in shown:
            by_section.setdefault(story.section_id, []).append(story)
    blocks = [
        (section, by_section[section.pk][:SECTION_BLOCK_SIZE])
        for section in sections
        if by_section.get(section.pk)
    ]
    return {"lead": lead, "latest": latest[1:], "section_blocks": blocks}


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
