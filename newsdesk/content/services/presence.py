"""'X is also editing this story': the editor page refreshes a heartbeat while open."""

from datetime import timedelta

from django.utils import timezone

from newsdesk.content.models import EditPresence

# Two missed heartbeats (sent every 30 s) and a user no longer counts as editing.
FRESH_FOR = timedelta(seconds=75)


def heartbeat(story, user):
    EditPresence.objects.update_or_create(
        story=story, user=user, defaults={"seen_at": timezone.now()}
    )


def leave(story, user):
    EditPresence.objects.filter(story=story, user=user).delete()


def other_editors(story, user) -> list:
    recent = (
        EditPresence.objects.filter(story=story, seen_at__gte=timezone.now() - FRESH_FOR)
        .exclude(user=user)
        .select_related("user")
    )
    return [presence.user for presence in recent]
