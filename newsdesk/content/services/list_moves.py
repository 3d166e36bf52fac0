"""A story's place in the story lists (archive, edition, section, tag, author) before and
after one change, and the per-day page counts kept right by it.

The service applying a change calls `track(story)` with the story's row as it stands (a
row it locked, or a new story), writes its change, then `settle()`: the (list, day) pairs
the story left or joined are recounted inside the same transaction, and the move (where
it stood, where it stands) goes with the change event, so the page cache purges from the
story's old position as well as its new one.

    move = list_moves.track(current)
    ... write the row (and its tags and bylines, then `move.links_written()`) ...
    move.settle()
    changes.story_changed(kind, current, user, was_live=…, lists=move)

Inside `upkeep.deferred()` (a bulk import) the recount waits for the end of the batch,
which reads every deferred story's lists at once.
"""

from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.content.models import LIVE_STATUSES, Story
from newsdesk.content.services import upkeep
from newsdesk.content.services.pagecounts import (
    ALL,
    day_of,
    edition_keys,
    linked_lists,
    recount,
    section_key,
    story_lists,
)

NOWHERE = (None, frozenset())


def counts_in_lists(story: Story) -> bool:
    """Whether the story's row is in the counts (see pagecounts.counted_stories)."""
    return (
        story.status in LIVE_STATUSES
        and story.deleted_at is None
        and story.published_at is not None
    )


def pairs(place) -> set:
    moment, keys = place
    return {(key, day_of(moment)) for key in keys} if moment else set()


@dataclass
class ListMove:
    """Where `story` stood (`before`) and stands (`after`): (publication time, list keys),
    NOWHERE for a story not counted in any list."""

    story: Story
    before: tuple = NOWHERE
    # None until settled, and in a bulk import (read at its end).
    after: tuple | None = None
    _links: frozenset | None = field(default=None, repr=False)

    def place(self) -> tuple[datetime | None, frozenset]:
        """The story's place as its row in hand says; its tags and bylines are read only
        for a story that counts, once until they are written."""
        story = self.story
        if story.pk is None or not counts_in_lists(story):
            return NOWHERE
        if self._links is None:
            self._links = linked_lists(story.pk)
        keys = {ALL, *edition_keys(story.edition), *self._links}
        if story.section_id:
            keys.add(section_key(story.section_id))
        return story.published_at, frozenset(keys)

    def links_written(self) -> None:
        """The story's tags or bylines were written: read them again when settling."""
        self._links = None

    def settle(self) -> "ListMove":
        """Call once the change is written: recount the (list, day) pairs the story left
        or joined."""
        if upkeep.deferring():
            upkeep.defer_pairs(pairs(self.before))
            upkeep.defer_story(self.story.pk)
            return self
        self.after = self.place()
        # A count changes only where the story joined or left a (list, day): a plain edit
        # (headline, body), or a new time on the same day, recounts nothing.
        recount(pairs(self.before) ^ pairs(self.after))
        return self


def track(story: Story) -> ListMove:
    """Before changing `story`: its place as its row stands now (call with the row locked,
    or a story not saved yet)."""
    move = ListMove(story)
    move.before = move.place()
    return move


def track_stored(story: Story) -> ListMove:
    """As `track`, for a story object that may carry changes not written yet: its place is
    read from the database."""
    if story.pk is None:
        return ListMove(story)
    moment, keys = story_lists(story.pk)
    return ListMove(story, before=(moment, frozenset(keys)))
