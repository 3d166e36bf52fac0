"""The change pipeline: what happened to a story (or a name shown with stories), told once.

Content services (publishing, workflow, revisions, trash, corrections, galleries) make a
change inside their transaction, then call `story_changed` (or `names_changed`). After
the transaction commits, every subscriber listed in the NEWSDESK_CHANGE_SUBSCRIBERS setting
is called with the one change object, once, in the order listed:

    view → workflow.transition() → publishing.publish()
         → list_moves.track(row) → row written → move.settle(): page counts recounted
         → story_changed(PUBLISHED, …, lists=move)
         → after commit: page cache purge, search index, webhooks, audit (settings.py)

Work too slow for the editor's request (related stories, event clusters, the claims
ledger) subscribes in NEWSDESK_CHANGE_WORKER_SUBSCRIBERS instead: a story change queues one
job (`content.tasks.queue_worker_subscribers`), and the worker calls each of them with a
`QueuedStoryChange` — one row written per change however many there are.

A failing subscriber is logged and does not stop the others: the editor's change is
committed already and must not turn into an error page. Nothing here, nor the page counts,
hangs off model `save()` signals; a change that bypasses the services (a raw SQL write) is
repaired by `newsdesk search-rebuild`, `newsdesk recount-pages` and the page cache's expiry.
"""

import logging
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# What happened to a story.
CREATED = "created"  # a new story (a draft, usually): only the index cares
EDITED = "edited"  # its content or what is shown with it changed
PUBLISHED = "published"  # made live now (or its scheduled time came)
SCHEDULED = "scheduled"  # will go live by the clock
UNPUBLISHED = "unpublished"
TRASHED = "trashed"
RESTORED = "restored"  # brought back from the trash


@dataclass(frozen=True)
class StoryChange:
    """One change to one story, as subscribers see it after commit."""

    kind: str
    story: object  # the Story as written
    user: object = None
    # Readers could see the story before / can see it now.
    was_live: bool = False
    is_live: bool = False
    # Columns written; empty when the whole story was saved.
    fields: frozenset = frozenset()
    # (publication time, list keys) before and after the change, as the service that made
    # it read them (services/list_moves.py): the page cache purges from the story's old
    # position and its new one. `lists_after` None: read it afresh.
    lists_before: tuple = (None, frozenset())
    lists_after: tuple | None = None

    @property
    def reader_event(self) -> str | None:
        """What readers (feeds, webhooks) are told: "published", "updated",
        "unpublished", or None for a change they never saw."""
        if self.is_live and not self.was_live:
            return "published"
        if self.was_live and not self.is_live:
            return "unpublished"
        if self.is_live:
            return "updated"
        return None


@dataclass(frozen=True)
class NamesChanged:
    """A section, tag, person, source or image shown with stories was changed or deleted."""

    instance: object
    user: object = None
    deleted: bool = False
    story_ids: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class BulkChange:
    """Many stories written at once (an import, the trash emptied): subscribers refresh
    what they hold of these ids wholesale instead of story by story."""

    story_ids: frozenset
    reason: str = ""
    # Every story may have changed (a generated corpus): subscribers rebuild wholesale.
    everything: bool = False
    # False when readers could not see any of these stories (the trash emptied).
    shown: bool = True
    # The stories are gone for good: (id, headline) of each, as they were, and who did it.
    deleted: tuple = ()
    user: object = None


# What happened in live coverage (LiveChange.kind).
ENTRY_POSTED = "entry.posted"
ENTRY_UPDATED = "entry.updated"
ENTRY_DELETED = "entry.deleted"
BLOG_ARCHIVED = "blog.archived"
BLOG_REOPENED = "blog.reopened"
ALERT_STARTED = "alert.started"
ALERT_ENDED = "alert.ended"


@dataclass(frozen=True)
class LiveChange:
    """A live blog's entry posted, edited or deleted, the blog archived or reopened (with
    `story`), or a breaking alert set or ended (without: it shows on every page)."""

    kind: str
    subject: object  # the entry, blog or alert as written (a deleted entry keeps its pk)
    story: object = None
    user: object = None


@dataclass(frozen=True)
class QueuedStoryChange:
    """A StoryChange as the worker's subscribers hear it: ids and flags, read afresh."""

    kind: str
    story_id: int
    was_live: bool = False
    is_live: bool = False


@cache
def _load(paths: tuple) -> tuple:
    return tuple(import_string(path) for path in paths)


def subscribers() -> tuple:
    return _load(tuple(getattr(settings, "NEWSDESK_CHANGE_SUBSCRIBERS", ())))


def worker_subscribers() -> tuple:
    return _load(tuple(getattr(settings, "NEWSDESK_CHANGE_WORKER_SUBSCRIBERS", ())))


def dispatch(change, to=None) -> None:
    for subscriber in subscribers() if to is None else to:
        try:
            subscriber(change)
        except Exception:
            logger.exception("%s failed on %r", getattr(subscriber, "__qualname__", ""), change)


def _emit(change) -> None:
    transaction.on_commit(lambda: dispatch(change))


def story_changed(
    kind: str, story, user=None, *, was_live: bool, fields=(), lists=None
) -> StoryChange:
    """Announce a change made in the current transaction; subscribers hear it after commit.
    `lists`: the story's ListMove, settled, when the change may have moved it."""
    change = StoryChange(
        kind=kind,
        story=story,
        user=user,
        was_live=was_live,
        is_live=story.is_live,
        fields=frozenset(fields),
        lists_before=lists.before if lists is not None else (None, frozenset()),
        lists_after=lists.after if lists is not None else None,
    )
    _emit(change)
    return change


def names_changed(instance, user=None, *, deleted: bool = False) -> NamesChanged:
    """Announce a change to a section, tag, person, source or picture; call before a delete
    (its stories are read now)."""
    stories = getattr(instance, "stories", None)  # sections, tags, people, sources
    story_ids = stories.values_list("pk", flat=True) if stories is not None else ()
    change = NamesChanged(instance, user, deleted, frozenset(story_ids))
    _emit(change)
    return change


def bulk_changed(
    story_ids=(), reason: str = "", everything: bool = False, shown: bool = True
) -> BulkChange:
    change = BulkChange(frozenset(story_ids), reason, everything, shown)
    _emit(change)
    return change


def stories_deleted(gone, reason: str, user=None) -> BulkChange:
    """Announce stories deleted for good in the current transaction: `gone` holds the
    (id, headline) of each, read before the delete, for the audit log."""
    gone = tuple(gone)
    change = BulkChange(
        frozenset(pk for pk, _ in gone), reason, shown=False, deleted=gone, user=user
    )
    _emit(change)
    return change


def live_changed(kind: str, subject, story=None, user=None) -> LiveChange:
    """Announce a live-coverage change made in the current transaction."""
    change = LiveChange(kind, subject, story, user)
    _emit(change)
    return change
