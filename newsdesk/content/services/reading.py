"""What the public pages read: the home page, a story's page, and the story lists.

The pages read through prepared queries (prepared.py) into cards (cards.py): stories whose
section, picture and people answer without a query. The story lists themselves (archive,
section, tag, author) are `lists.StoryList`.
"""

from collections import Counter

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from newsdesk.content.models import Correction, GalleryItem, Story
from newsdesk.content.services import story_links
from newsdesk.content.services.cards import (
    CARD_WIDTH,
    NEWEST_FIRST,
    attach_people,
    build_cards,
    card_values,
    padded,
)
from newsdesk.content.services.navigation import nav_sections
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import (
    can_preview,
    live_stories,
    previewable_stories,
)

SECTION_BLOCK_SIZE = 4
LATEST_SIZE = 10


_ROW = ("pk", "section_id", "pinned", "published_at")


def _newest(now, edition=None) -> QuerySet[Story]:
    """Live stories newest first: of one edition, or (None) of the whole site."""
    stories = live_stories(now)
    if edition is not None:
        stories = stories.filter(edition=edition)
    return stories.order_by(*NEWEST_FIRST)


def _home_wanted(now, latest, sections, counts, edition=None) -> QuerySet[Story]:
    # Every section's newest few: an id IN (… LIMIT n) per section, each read from the
    # section index, so the query count does not grow with sections.
    wanted = Q(pk__in=latest)
    for section_id, count in zip(sections, counts, strict=True):
        newest_in_section = _newest(now, edition).filter(section_id=section_id).values("pk")
        wanted |= Q(pk__in=newest_in_section[:count])
    return card_values(_newest(now, edition).filter(wanted))


# The few pinned ids come from their partial index (asking for them in date order would
# walk every story's date instead), in the same trip as the newest rows: (0, id, NULL…)
# rows, then (1, id, section id, pinned, published at) rows, newest first.
_pinned_ids_and_newest = Prepared(
    lambda pinned, now, n, edition=None: (
        _pinned(edition).order_by().values_list("pk")[:pinned],
        _newest(now, edition).values_list(*_ROW)[:n],
    ),
    wrap="SELECT 0, pinned.*, NULL, NULL, NULL FROM ({0}) AS pinned"
    " UNION ALL SELECT 1, newest.* FROM ({1}) AS newest ORDER BY 1, 5 DESC, 2 DESC",
)
_pinned_rows = Prepared(
    lambda now, ids, n, edition=None: (
        _newest(now, edition).filter(pk__in=ids).values_list(*_ROW)[:n]
    )
)
_home_cards = Prepared(_home_wanted)


def _pinned(edition=None) -> QuerySet[Story]:
    pinned = Story.objects.filter(pinned=True)
    return pinned if edition is None else pinned.filter(edition=edition)


def home_page(edition: str | None = None) -> dict:
    """Lead story (a pinned one first), the latest after it, and a block per section: of
    one edition (its code), or of the whole site (None)."""
    now = timezone.now()
    # Which stories the page shows is settled on ids first (cheap rows); their cards are
    # then read in one query, whatever the number of sections.
    wanted = Limit(LATEST_SIZE + 1)
    rows = _pinned_ids_and_newest.rows(pinned=Limit(100), now=now, n=wanted, edition=edition)
    pinned_ids = [row[1] for row in rows if row[0] == 0]
    newest = [row[1:] for row in rows if row[0] == 1]
    pinned = (
        _pinned_rows.rows(now=now, ids=padded(pinned_ids), n=wanted, edition=edition)
        if pinned_ids
        else []
    )
    latest_rows = (pinned + [r for r in newest if not r[2]])[: LATEST_SIZE + 1]
    latest_ids = [row[0] for row in latest_rows]
    already = Counter(row[1] for row in latest_rows)
    sections = nav_sections(edition)
    stories = build_cards(
        _home_cards.rows(
            now=now,
            latest=padded(latest_ids or [0]),
            sections=[section.pk for section in sections],
            counts=[Limit(SECTION_BLOCK_SIZE + already[section.pk]) for section in sections],
            edition=edition,
        )
    )
    attach_people(stories)
    by_pk = {story.pk: story for story in stories}
    latest = [by_pk[pk] for pk in latest_ids if pk in by_pk]
    shown = set(latest_ids)
    by_section = {}
    for story in stories:
        if story.pk not in shown:
            by_section.setdefault(story.section_id, []).append(story)
    blocks = [
        (section, by_section[section.pk][:SECTION_BLOCK_SIZE])
        for section in sections
        if by_section.get(section.pk)
    ]
    return {"lead": latest[0] if latest else None, "latest": latest[1:], "section_blocks": blocks}


def _with_notes(stories: QuerySet[Story]) -> QuerySet[Story]:
    # Whether there are gallery pictures or correction notes to read: most stories have
    # neither, and asking here spares the page a query for each.
    return card_values(
        stories.annotate(
            has_gallery=Exists(GalleryItem.objects.filter(story=OuterRef("pk"))),
            has_corrections=Exists(Correction.objects.filter(story=OuterRef("pk"))),
        ),
        "has_gallery",
        "has_corrections",
    )


def _story_and_more(stories: QuerySet[Story], now, pk, n):
    """The story at `pk` among `stories`, and the newest `n` live others of its section."""
    its_section = Story.objects.filter(pk=pk).values("section_id")[:1]
    others = _newest(now).filter(section_id=Subquery(its_section)).exclude(pk=pk)
    return _with_notes(stories.filter(pk=pk)), _with_notes(others)[:n]


# A story's page reads its story and the others from its section in one trip.
_ONE_AND_OTHERS = "SELECT * FROM ({0}) AS story UNION ALL SELECT * FROM ({1}) AS others"
_live_story_page = Prepared(
    lambda now, pk, n: _story_and_more(live_stories(now), now, pk, n),
    wrap=_ONE_AND_OTHERS,
    same_columns=True,
)
_previewable_story_page = Prepared(
    lambda now, pk, n: _story_and_more(previewable_stories(), now, pk, n),
    wrap=_ONE_AND_OTHERS,
    same_columns=True,
)


def _story_and_others(pk: int, user, more: int) -> tuple[Story, list[Story]]:
    """The story at `pk` as a card if this user may see it (staff also see drafts, as a
    preview), and the newest `more` others of its section, as cards."""
    reads = _previewable_story_page if can_preview(user) else _live_story_page
    rows = reads.rows(now=timezone.now(), pk=pk, n=Limit(more))
    cards = build_cards(rows)
    mine = [i for i, card in enumerate(cards) if card.pk == pk]
    if not mine:
        raise Http404("No such story")
    story = cards.pop(mine[0])
    story.has_gallery, story.has_corrections = rows[mine[0]][CARD_WIDTH:]
    return story, sorted(cards, key=lambda card: (card.published_at, card.pk), reverse=True)


def story_for_reader(pk: int, user) -> Story:
    """The story at `pk` if this user may see it (staff also see drafts, as a preview),
    with its section, picture, people, tags and sources read."""
    story, _ = _story_and_others(pk, user, 0)
    attach_people([story])
    story_links.attach_tags_and_sources(story)
    return story


def story_page(pk: int, user, more: int = 4) -> tuple[Story, list[Story]]:
    """What a story's page shows: the story (as `story_for_reader`, with its corrections
    and gallery read too) and the newest `more` others from its section, as cards."""
    story, others = _story_and_others(pk, user, more)
    attach_people([story, *others])
    story_links.attach_tags_and_sources(story)
    story_links.attach_notes(story)
    return story, others


__all__ = [
    "can_preview",
    "home_page",
    "story_for_reader",
    "story_page",
]
