"""Changing what readers see. The editorial workflow (permissions, review, scheduling
rules) builds on these; every path that makes a story live or not goes through here so that
listeners (search index, page cache, webhooks) hear about it exactly once."""

from django.db import transaction
from django.utils import timezone

from newsdesk.content.models import Status, Story
from newsdesk.content.signals import story_published, story_unpublished, story_updated


def _after_commit(signal, story, user):
    transaction.on_commit(lambda: signal.send(sender=Story, story=story, user=user))


def publish(story: Story, user=None, at=None) -> Story:
    """Make `story` live now, or at `at` (then it is scheduled and goes live by the clock)."""
    when = at or story.published_at or timezone.now()
    with transaction.atomic():
        story.published_at = when
        story.status = Status.SCHEDULED if when > timezone.now() else Status.PUBLISHED
        story.save()
        if story.is_live:
            _after_commit(story_published, story, user)
        else:
            _schedule_announcement(story)
    return story


def _schedule_announcement(story: Story):
    """The story goes live by the clock alone; a worker, if one runs, tells listeners then."""
    from newsdesk.content.tasks import announce_scheduled_story

    when = story.published_at
    if not announce_scheduled_story.get_backend().supports_defer:
        return  # e.g. the immediate backend in some tests: visibility needs no job anyway
    transaction.on_commit(lambda: announce_scheduled_story.using(run_after=when).enqueue(story.pk))


def announce_scheduled(story_id: int) -> bool:
    """Send story_published for a scheduled story whose time has come, once: the status
    flips to published in the same conditional UPDATE, so a second worker finds nothing."""
    with transaction.atomic():
        claimed = Story.objects.filter(
            pk=story_id,
            status=Status.SCHEDULED,
            published_at__lte=timezone.now(),
            deleted_at__isnull=True,
        ).update(status=Status.PUBLISHED)
        if claimed:
            _after_commit(story_published, Story.objects.get(pk=story_id), None)
    return bool(claimed)


def announce_unpublished(story: Story, user=None):
    """A live story left the site by another path (the trash)."""
    _after_commit(story_unpublished, story, user)


def announce_published(story: Story, user=None):
    """A story is live again by another path (out of the trash): listeners that heard it
    leave (page cache, webhooks) hear it come back."""
    _after_commit(story_published, story, user)


def unpublish(story: Story, user=None) -> Story:
    was_live = story.is_live
    with transaction.atomic():
        story.status = Status.UNPUBLISHED
        story.save()
        if was_live:
            _after_commit(story_unpublished, story, user)
    return story


def save_changes(story: Story, user=None) -> Story:
    """Save an edit; readers' copies (caches, index, webhooks) follow if the story is live."""
    with transaction.atomic():
        story.updated_at = timezone.now()
        story.save()
        if story.is_live:
            _after_commit(story_updated, story, user)
    return story
