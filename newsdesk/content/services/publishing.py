"""Changing what readers see. The editorial workflow (permissions, review, scheduling
rules) builds on these; every path that makes a story live or not goes through here so that
listeners (search index, page cache, webhooks) hear about it exactly once.

Every write here locks the story's row and changes only the columns it means to change:
a publish, a correction or a new gallery picture never writes the headline, the body or the
version of a story object loaded before someone else saved it. Only content saves
(services/revisions.py) bump `version`. The caller's story object is brought up to date
with the row as written, so what it shows next is what the database holds.

Each write notes the story's place in the lists from the locked row before it, recounts
the pages it left or joined after it (services/list_moves.py), and announces the change
with both, in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from newsdesk.content import changes
from newsdesk.content.models import Status, Story
from newsdesk.content.services import list_moves

# The services' blocks need no savepoint of their own: an error in them is not caught to
# carry on with the transaction, it ends it.


def lock(story: Story) -> Story:
    """The story's row as it is now, locked until the surrounding transaction ends.
    Call inside `transaction.atomic()`."""
    return Story.objects.select_for_update().get(pk=story.pk)


def take_row(story: Story, current: Story) -> Story:
    """Copy the stored row `current` onto the caller's `story` object."""
    if story is not current:
        for field in Story._meta.concrete_fields:
            setattr(story, field.attname, getattr(current, field.attname))
    return story


def _write(current: Story, fields: list[str], move: list_moves.ListMove) -> list_moves.ListMove:
    """Write `fields` of the locked row `current`; `move` tracked it before they were set."""
    current.save(update_fields=fields)
    return move.settle()


def _current(story: Story, locked: bool) -> Story:
    return story if locked else lock(story)


def publish(story: Story, user=None, at=None, now: bool = False, locked: bool = False) -> Story:
    """Make `story` live now, or at `at` (then it is scheduled and goes live by the clock).
    A past publication time is kept (republishing); with `now`, a future one becomes now.
    `locked`: `story` is the row the caller locked in this transaction."""
    with transaction.atomic(savepoint=False):
        current = _current(story, locked)
        was_live, move = current.is_live, list_moves.track(current)
        moment = timezone.now()
        when = at or current.published_at or moment
        if now and when > moment:
            when = moment
        current.published_at = when
        current.status = Status.SCHEDULED if when > moment else Status.PUBLISHED
        _write(current, ["published_at", "status"], move)
        kind = changes.PUBLISHED if current.is_live else changes.SCHEDULED
        changes.story_changed(kind, current, user, was_live=was_live, fields=["status"], lists=move)
        if not current.is_live:
            _schedule_announcement(current)
    return take_row(story, current)


def _schedule_announcement(story: Story):
    """The story goes live by the clock alone; a worker, if one runs, tells listeners then."""
    from newsdesk.content.tasks import announce_scheduled_story

    when = story.published_at
    if not announce_scheduled_story.get_backend().supports_defer:
        return  # e.g. the immediate backend in some tests: visibility needs no job anyway
    transaction.on_commit(lambda: announce_scheduled_story.using(run_after=when).enqueue(story.pk))


def announce_scheduled(story_id: int) -> bool:
    """Announce a scheduled story whose time has come as published, once: the status
    flips to published in the same conditional UPDATE, so a second worker finds nothing."""
    with transaction.atomic(savepoint=False):
        claimed = Story.objects.filter(
            pk=story_id,
            status=Status.SCHEDULED,
            published_at__lte=timezone.now(),
            deleted_at__isnull=True,
        ).update(status=Status.PUBLISHED)
        if claimed:
            story = Story.objects.get(pk=story_id)
            # Counted while scheduled already: its place in the lists stays as it was.
            move = list_moves.track(story).settle()
            changes.story_changed(
                changes.PUBLISHED, story, was_live=False, fields=["status"], lists=move
            )
    return bool(claimed)


def unpublish(story: Story, user=None, locked: bool = False) -> Story:
    with transaction.atomic(savepoint=False):
        current = _current(story, locked)
        was_live, move = current.is_live, list_moves.track(current)
        current.status = Status.UNPUBLISHED
        _write(current, ["status"], move)
        changes.story_changed(
            changes.UNPUBLISHED, current, user, was_live=was_live, fields=["status"], lists=move
        )
    return take_row(story, current)


def set_status(story: Story, status: str, locked: bool = False) -> Story:
    """A move that readers do not see (draft ↔ review)."""
    with transaction.atomic(savepoint=False):
        current = _current(story, locked)
        move = list_moves.track(current)
        current.status = status
        _write(current, ["status"], move)
    return take_row(story, current)


def set_deleted(story: Story, deleted_at, user=None) -> Story:
    """Move a story into the trash (a time) or out of it (None); listeners that heard it
    leave the site (page cache, webhooks) hear it come back."""
    with transaction.atomic(savepoint=False):
        current = lock(story)
        was_live, move = current.is_live, list_moves.track(current)
        current.deleted_at = deleted_at
        _write(current, ["deleted_at"], move)
        kind = changes.TRASHED if deleted_at else changes.RESTORED
        changes.story_changed(
            kind, current, user, was_live=was_live, fields=["deleted_at"], lists=move
        )
    return take_row(story, current)


def touch(story: Story, user=None) -> Story:
    """Something shown with the story changed (a correction, a gallery picture): date it
    ("Updated …") and tell readers' copies, without writing its text or version."""
    with transaction.atomic(savepoint=False):
        current = lock(story)
        move = list_moves.track(current)
        current.updated_at = timezone.now()
        _write(current, ["updated_at"], move)
        changes.story_changed(
            changes.EDITED,
            current,
            user,
            was_live=current.is_live,
            fields=["updated_at"],
            lists=move,
        )
    return take_row(story, current)


def save_changes(story: Story, user=None, move: list_moves.ListMove | None = None) -> Story:
    """Save a content edit of a story the caller created or holds locked (see `lock`);
    readers' copies (caches, index, webhooks) follow if the story is live. Content saves
    do not move a story on or off the site, so it was live before if it is now; they may
    move it between lists (its section, tags, bylines). `move`: the caller tracked the row
    before changing it (else its place before is read from the database)."""
    kind = changes.EDITED if story.pk else changes.CREATED
    with transaction.atomic(savepoint=False):
        move = move or list_moves.track_stored(story)
        story.updated_at = timezone.now()
        story.save()
        move.settle()
        changes.story_changed(kind, story, user, was_live=story.is_live, lists=move)
    return story
