"""Shareable preview links: signed and expiring, so a reviewer without an account can read
an unpublished story, and nobody can guess or reuse a link past its time.

A link also dies when the story is unpublished after it was made, or when an editor revokes
the story's links: both are events in the story's history (a revocation is an event that
keeps the status, with a note), and a link made before the latest one no longer opens.
"""

from datetime import UTC, datetime

from django.core import signing
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.models import Status, Story, StoryEvent

SALT = "newsdesk.story-preview"
DEFAULT_MAX_AGE = 3 * 24 * 3600


class PreviewLinkInvalid(Exception):
    pass


REVOKED_NOTE = "Preview links revoked"


def make_token(story: Story) -> str:
    issued = timezone.now().timestamp()  # to the microsecond: a link made after a revocation
    return signing.TimestampSigner(salt=SALT).sign_object({"story": story.pk, "at": issued})


def revoke(story: Story, user) -> StoryEvent:
    """Every preview link made for `story` until now stops working."""
    return StoryEvent.objects.create(
        story=story,
        user=user,
        from_status=story.status,
        to_status=story.status,
        note=REVOKED_NOTE,
    )


def _ended_since(story: Story, issued: datetime) -> bool:
    ends = Q(to_status=Status.UNPUBLISHED) | Q(from_status=F("to_status"))
    return story.events.filter(ends, at__gt=issued).exists()


def story_for_token(token: str, max_age: int = DEFAULT_MAX_AGE) -> Story:
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise PreviewLinkInvalid(_("This preview link has expired.")) from None
    except signing.BadSignature:
        raise PreviewLinkInvalid(_("This preview link is not valid.")) from None
    story = Story.objects.filter(pk=data.get("story"), deleted_at__isnull=True).first()
    if story is None:
        raise PreviewLinkInvalid(_("This story no longer exists."))
    issued = datetime.fromtimestamp(data.get("at") or 0, tz=UTC)
    if _ended_since(story, issued):
        raise PreviewLinkInvalid(_("This preview link was withdrawn."))
    return story
