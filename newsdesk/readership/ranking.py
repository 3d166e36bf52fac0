"""The most-read lists: live stories by reads counted in the last 24 hours or 7 days."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from newsdesk.content.services.visibility import live_stories
from newsdesk.readership.models import HourlyReads

WINDOWS = {"day": timedelta(hours=24), "week": timedelta(days=7)}
LIMIT = 10


def window_start(window: str, now):
    """The first hourly bucket inside the window (the current hour's bucket is partial)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    return hour - WINDOWS[window] + timedelta(hours=1)


def most_read(window: str, limit: int = LIMIT, now=None) -> list:
    """Live stories, most read first, each with `reads` set; stories readers cannot see
    (unpublished, trashed, not yet due) are never listed, whatever they were read."""
    now = now or timezone.now()
    live = live_stories(now)
    totals = list(
        HourlyReads.objects.filter(hour__gte=window_start(window, now), story__in=live)
        .values("story_id")
        .annotate(reads=Sum("views"))
        .order_by("-reads", "-story_id")[:limit]
    )
    stories = live.select_related("section").in_bulk([row["story_id"] for row in totals])
    ranked = []
    for row in totals:
        story = stories.get(row["story_id"])
        if story is not None:
            story.reads = row["reads"]
            ranked.append(story)
    return ranked


def fingerprint(now=None) -> str:
    """What the lists show, as text: when it changes, the cached lists are purged."""
    return " | ".join(
        ",".join(str(story.pk) for story in most_read(window, now=now)) for window in WINDOWS
    )
