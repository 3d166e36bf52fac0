"""Shareable preview links: signed and expiring, so a reviewer without an account can read
an unpublished story, and nobody can guess or reuse a link past its time."""

from django.core import signing

from newsdesk.content.models import Story

SALT = "newsdesk.story-preview"
DEFAULT_MAX_AGE = 3 * 24 * 3600


class PreviewLinkInvalid(Exception):
    pass


def make_token(story: Story) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"story": story.pk})


def story_for_token(token: str, max_age: int = DEFAULT_MAX_AGE) -> Story:
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise PreviewLinkInvalid("This preview link has expired.") from None
    except signing.BadSignature:
        raise PreviewLinkInvalid("This preview link is not valid.") from None
    story = Story.objects.filter(pk=data.get("story"), deleted_at__isnull=True).first()
    if story is None:
        raise PreviewLinkInvalid("This story no longer exists.")
    return story
