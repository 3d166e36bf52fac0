"""The trash: deleting a story hides it for a while before it is gone for good.

Stories get here through the desk workflow (workflow.trash). A trashed story keeps
every field and relation; only `deleted_at` is set, so restoring is
exact. Editors can restore it for TRASH_DAYS; `newsdesk purgetrash` deletes older ones.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.models import Story
from newsdesk.content.services import publishing


class RestoreExpired(Exception):
    """The story has been in the trash longer than editors may restore it."""


def trash_days() -> int:
    return getattr(settings, "NEWSDESK_TRASH_DAYS", 30)


def restore(story: Story, user=None, now=None) -> Story:
    if story.deleted_at is None:
        return story
    if story.deleted_at < (now or timezone.now()) - timedelta(days=trash_days()):
        raise RestoreExpired(
            _("%(story)s was deleted more than %(days)s days ago.")
            % {"story": story, "days": trash_days()}
        )
    return publishing.set_deleted(story, None, user)


def trashed_stories():
    return Story.objects.filter(deleted_at__isnull=False).order_by("-deleted_at")


def expired(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=trash_days())
    return Story.objects.filter(deleted_at__lt=cutoff)


def delete_for_good(stories, user=None, reason: str = "trash emptied") -> int:
    """Delete trashed stories for good, each in its own transaction (one failing delete
    keeps the others), and announce them once; returns how many went. Live stories are
    never deleted here: they go through the trash first."""
    deleted = []
    for story in stories:
        if story.deleted_at is None:
            continue
        with transaction.atomic():
            gone = (story.pk, story.headline)
            story.delete()
            deleted.append(gone)
    if deleted:
        with transaction.atomic():
            changes.stories_deleted(deleted, reason, user)
    return len(deleted)


def purge_expired(now=None) -> int:
    """Delete for good the stories trashed more than TRASH_DAYS ago; returns how many."""
    return delete_for_good(expired(now).iterator())
