"""Correction and update notes on published stories, shown to readers at the story's end."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.content.models import Correction, Status, Story
from newsdesk.content.services import permissions, publishing


def add_note(story: Story, kind: str, text: str, user) -> Correction:
    if not permissions.can_publish(user):
        raise PermissionDenied(_("Only editors may add corrections and updates."))
    if story.status not in (Status.PUBLISHED, Status.SCHEDULED):
        raise ValidationError(_("Corrections and updates are for published stories."))
    if not text.strip():
        raise ValidationError(_("Write the text of the note."))
    with transaction.atomic():
        # Dates the story ("Updated …") and tells feeds, the API and caches it changed,
        # without writing its text: an edit saved meanwhile stays.
        publishing.touch(story, user)
        note = Correction.objects.create(story=story, kind=kind, text=text.strip(), created_by=user)
    return note
