"""Upkeep deferred for bulk writers (the WordPress import, a story at a time, thousands of
them): per-day page counts and page-cache purges are done once when the batch ends instead
of after every story, where they cost more than writing the story itself.

Inside `deferred()`, `pagecounts.recount` only collects its (list, day) pairs and the page
cache registers one whole purge; both run when the block exits, on error too, so what was
written is counted and shown. A process killed in between leaves counts for
`newsdesk recount_pages` to mend."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

from newsdesk.content import changes

_state = threading.local()
# Pairs recounted per transaction: SQLite has one writer, and editors are saving meanwhile.
_RECOUNT_CHUNK = 200


def deferring() -> bool:
    return getattr(_state, "pairs", None) is not None


def defer_pairs(pairs) -> None:
    _state.pairs.update(pairs)


def defer_story(story_id: int) -> None:
    """The story's current lists are read at the end, for every deferred story at once."""
    _state.story_ids.add(story_id)


def at_end(name: str, action: Callable[[], None]) -> None:
    """Run `action` once when the deferred block ends, however often it is registered."""
    _state.actions.setdefault(name, action)


@contextmanager
def deferred() -> Iterator[None]:
    if deferring():  # nested: the outer block does the work
        yield
        return
    _state.pairs, _state.actions, _state.story_ids = set(), {}, set()
    try:
        yield
    finally:
        pairs, actions, story_ids = _state.pairs, _state.actions, _state.story_ids
        _state.pairs = _state.actions = _state.story_ids = None
        from newsdesk.content.services.pagecounts import pairs_of_stories, recount

        ordered = sorted(pairs | pairs_of_stories(story_ids))
        for start in range(0, len(ordered), _RECOUNT_CHUNK):
            recount(ordered[start : start + _RECOUNT_CHUNK])
        for action in actions.values():
            action()
        if story_ids:
            with transaction.atomic():
                changes.bulk_changed(story_ids, reason="bulk import")
