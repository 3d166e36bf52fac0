"""The editorial workflow: draft → in review → scheduled → published → unpublished.

The one entry point for changing a story's state, used by the desk and the API:

    transition(story, to_state, user, note="", at=None) -> Story

It raises `django.core.exceptions.PermissionDenied` when `user` may not make the move and
`WorkflowError` (a ValidationError, with readable messages) when the move is not allowed
from the story's state or the story is not ready (publishing needs a headline, a body, a
section and alt text on every picture). Each transition is recorded as a StoryEvent (who,
when, note). Going live or not goes through services/publishing.py, so page counts are
kept and the change is announced exactly once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsdesk.content.models import GalleryItem, Image, Status, Story, StoryEvent
from newsdesk.content.services import permissions, publishing
from newsdesk.content.text import plain_text


class WorkflowError(ValidationError):
    pass


# to_state -> the states it may be reached from
ALLOWED_FROM = {
    Status.REVIEW: {Status.DRAFT, Status.UNPUBLISHED},
    Status.DRAFT: {Status.REVIEW, Status.UNPUBLISHED},
    Status.SCHEDULED: {Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED, Status.SCHEDULED},
    Status.PUBLISHED: {Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED, Status.SCHEDULED},
    Status.UNPUBLISHED: {Status.PUBLISHED, Status.SCHEDULED},
}
EDITOR_ONLY = {Status.SCHEDULED, Status.PUBLISHED, Status.UNPUBLISHED}


def available_transitions(story: Story, user) -> list[str]:
    """States `user` could move `story` to now (preconditions aside), for the desk's buttons."""
    result = []
    for to_state, sources in ALLOWED_FROM.items():
        if story.status in sources and _permitted(story, to_state, user):
            result.append(to_state)
    return result


def _permitted(story: Story, to_state: str, user) -> bool:
    if to_state in EDITOR_ONLY:
        return permissions.can_publish(user)
    if to_state == Status.REVIEW:
        return permissions.can_edit(user, story) or (
            permissions.is_owner(user, story) and user.has_perm("content.change_story")
        )
    # Back to draft: editors, or the author taking back their unpublished story.
    return permissions.can_publish(user) or permissions.is_owner(user, story)


def publication_problems(story: Story) -> list[str]:
    """What stops `story` from going live; empty when it is ready."""
    problems = []
    if not story.headline.strip():
        problems.append(_("A headline is required."))
    if not plain_text(story.body) and not story.gallery_items.exists():
        problems.append(_("A body is required."))
    if story.section_id is None:
        problems.append(_("A section is required."))
    image_ids = set(story.gallery_items.values_list("image_id", flat=True))
    if story.featured_image_id:
        image_ids.add(story.featured_image_id)
    missing = Image.objects.filter(pk__in=image_ids, alt_text="").count()
    if missing:
        problems.append(
            ngettext(
                "%(count)d picture needs alt text before publication.",
                "%(count)d pictures need alt text before publication.",
                missing,
            )
            % {"count": missing}
        )
    return problems


def transition(story: Story, to_state: str, user, note: str = "", at=None) -> Story:
    """Move `story` to `to_state` (a Status value); `at` is the time for SCHEDULED.

    The checks read the story's row as it is now, locked: a move decided on a copy loaded
    before someone else's change is judged on that change, and writes only its own columns.
    """
    to_state = Status(to_state)
    with transaction.atomic():
        current = publishing.lock(story)
        _check(current, to_state, user, at)
        from_state = current.status
        if to_state == Status.SCHEDULED:
            publishing.publish(current, user, at=at, locked=True)
        elif to_state == Status.PUBLISHED and from_state == Status.SCHEDULED and current.is_live:
            # Its time already came: readers see it; announce it once, as the worker would.
            publishing.announce_scheduled(current.pk)
            current.status = Status.PUBLISHED
        elif to_state == Status.PUBLISHED:
            publishing.publish(current, user, now=True, locked=True)
        elif to_state == Status.UNPUBLISHED:
            publishing.unpublish(current, user, locked=True)
        else:
            publishing.set_status(current, to_state, locked=True)
        StoryEvent.objects.create(
            story=current, user=user, from_status=from_state, to_status=to_state, note=note
        )
    return publishing.take_row(story, current)


def _check(story: Story, to_state: Status, user, at) -> None:
    if not _permitted(story, to_state, user):
        raise PermissionDenied(
            _("You may not move this story to %(state)s.") % {"state": to_state.label.lower()}
        )
    if story.status not in ALLOWED_FROM[to_state]:
        raise WorkflowError(
            _("A story that is %(state)s cannot be moved to %(target)s.")
            % {"state": story.get_status_display().lower(), "target": to_state.label.lower()}
        )
    if to_state in (Status.SCHEDULED, Status.PUBLISHED):
        problems = publication_problems(story)
        if problems:
            raise WorkflowError(problems)
    if to_state == Status.SCHEDULED and (at is None or at <= timezone.now()):
        raise WorkflowError(_("Choose a publication time in the future to schedule."))


def trash(story: Story, user, note: str = "") -> Story:
    """Move a story to the trash (soft delete): it leaves the site and the desk's lists."""
    if not permissions.can_delete(user, story):
        raise PermissionDenied(_("You may not delete stories."))
    with transaction.atomic():
        publishing.set_deleted(story, timezone.now(), user)
        StoryEvent.objects.create(
            story=story, user=user, from_status=story.status, to_status="deleted", note=note
        )
    return story


def gallery_for(story: Story):
    return GalleryItem.objects.filter(story=story).select_related("image")
