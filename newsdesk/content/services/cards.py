"""Story cards for the readers' pages: stories with their section, picture and bylined
people, read by prepared queries (prepared.py) into instances (rows.py).

A card is a `Story` on which `section`, `featured_image` and `people` answer without a
query: one row per story with its section's and picture's columns, then one row per byline
for the whole page. Sections, pictures and people shown on several cards are one instance.
"""

from django.db import DEFAULT_DB_ALIAS

from newsdesk.content.models import Byline, Image, Person, Section, Story
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.rows import Columns, set_related

STORY = Columns(Story)
SECTION = Columns(Section, "section")
PICTURE = Columns(Image, "featured_image")
PERSON = Columns(Person, "person")
CARD_LOOKUPS = [*STORY.lookups, *SECTION.lookups, *PICTURE.lookups]
CARD_WIDTH = len(CARD_LOOKUPS)
NEWEST_FIRST = ("-published_at", "-id")  # the order of every story list

_BYLINE_ATTNAMES = ["story_id", "id", "position"]
_bylines = Prepared(
    lambda ids: (
        Byline.objects.filter(story_id__in=ids)
        .order_by("story_id", "position", "id")
        .values_list(*_BYLINE_ATTNAMES, *PERSON.lookups)
    )
)


def card_values(stories, *extra):
    """A story queryset as card rows: its columns, its section's, its picture's, `extra`."""
    return stories.values_list(*CARD_LOOKUPS, *extra)


def build_cards(rows, db: str = DEFAULT_DB_ALIAS) -> list[Story]:
    sections, pictures, cards = {}, {}, []
    for row in rows:
        story = STORY.build(row, 0, db)
        set_related(story, "section", SECTION.build(row, STORY.width, db, sections))
        picture = PICTURE.build(row, STORY.width + SECTION.width, db, pictures)
        set_related(story, "featured_image", picture)
        cards.append(story)
    return cards


def padded(ids: list) -> list:
    """`ids` repeated up to a power of two: an IN list of any length compiles to one of a
    few shapes, not one per length (repeats do not change what IN matches)."""
    size = 1 << max(0, len(ids) - 1).bit_length()
    return ids + ids[-1:] * (size - len(ids))


def attach_people(stories: list[Story], db: str = DEFAULT_DB_ALIAS) -> None:
    """Set `story.people` (the bylined people, in byline order) of every story from one
    query; readers' pages and the API show those, never the Byline rows themselves."""
    if not stories:
        return
    people, bylines = {}, {story.pk: [] for story in stories}
    for row in _bylines.rows(db, ids=padded(list(bylines))):
        bylines[row[0]].append(PERSON.build(row, len(_BYLINE_ATTNAMES), db, people))
    for story in stories:
        story.people = bylines[story.pk]  # Story.people is a cached_property: set outright
