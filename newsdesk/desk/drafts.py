"""Drafts kept on the server while an editor types: one row per story and editor, written
over every few seconds, offered back when the editor opens the story again (from any
browser, after a closed tab or a crash) and dropped when they save.

    keep(story, user, base_version, fields) -> StoryDraft | None
    kept(story, user) -> StoryDraft | None
    discard(story, user)
"""

import json

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.text import sanitize_html
from newsdesk.desk.models import StoryDraft

# Generous for a 10,000-word story with markup; a bigger payload is refused, not cut.
MAX_BYTES = 2_000_000
# Names the editor form sends that describe the request, not the story.
NOT_KEPT = {"csrfmiddlewaretoken", "submission", "version"}


def parse(text: str) -> dict:
    """The form state the editor page sent (JSON: name → list of strings), checked."""
    if len(text.encode()) > MAX_BYTES:
        raise ValidationError(_("The draft is too large to keep."))
    try:
        state = json.loads(text)
    except ValueError:
        raise ValidationError(_("The draft could not be read.")) from None
    if not isinstance(state, dict) or not all(
        isinstance(values, list) and all(isinstance(v, str) for v in values)
        for values in state.values()
    ):
        raise ValidationError(_("The draft could not be read."))
    fields = {name: values for name, values in state.items() if name not in NOT_KEPT}
    if "body" in fields:  # the one sanitizer, as on save: kept text is shown again
        fields["body"] = [sanitize_html(html) for html in fields["body"]]
    return fields


def _rows(story, user):
    return StoryDraft.objects.filter(story=story, user=user)


def keep(story, user, base_version: int, fields: dict) -> StoryDraft | None:
    """Store the editor's current changes. A draft typed over a version older than one
    this editor has since saved is a late arrival from before that save: it is dropped."""
    if story is not None and story.revisions.filter(user=user, version__gt=base_version).exists():
        return None
    draft, _ = StoryDraft.objects.update_or_create(
        story=story,
        user=user,
        defaults={"base_version": base_version, "fields": fields, "saved_at": timezone.now()},
    )
    return draft


def kept(story, user) -> StoryDraft | None:
    return _rows(story, user).first()


def discard(story, user) -> None:
    _rows(story, user).delete()
