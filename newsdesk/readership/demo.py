"""Believable reads for the demo newsroom: a week of hourly buckets, most reads going to
the newest stories and a few favourites, fewer at night, so "Most read" has something to
show from the first page view."""

import math
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.content.services.visibility import live_stories
from newsdesk.readership.models import DailyReads, HourlyReads

HOURS = 7 * 24
READS_AN_HOUR = 900  # at the busiest hour of the day


def _share_of_day(hour: int) -> float:
    """Readers by hour of day: a morning and an evening peak, a quiet night."""
    return 0.15 + 0.5 * math.exp(-((hour - 8) ** 2) / 8) + 0.45 * math.exp(-((hour - 20) ** 2) / 10)


def fake_reads(seed: int = 2025, now=None) -> int:
    """Fill the last week's buckets for the newest and a few older live stories; returns
    the number of reads made up."""
    rng = random.Random(seed)
    now = now or timezone.now()
    live = live_stories(now)
    newest = list(live.order_by("-published_at")[:40].values_list("pk", "published_at"))
    older = list(live.order_by("?")[:30].values_list("pk", "published_at"))
    stories = dict(newest + older)
    # Some stories catch on: a heavy-tailed appeal each.
    appeal = {pk: rng.paretovariate(1.2) for pk in stories}
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    hourly, daily = [], {}
    for back in range(HOURS):
        hour = this_hour - timedelta(hours=back)
        weights = {
            pk: appeal[pk] / (1 + max(0.0, (hour - published).total_seconds()) / (36 * 3600))
            for pk, published in stories.items()
            if published <= hour
        }
        total = sum(weights.values())
        reads = READS_AN_HOUR * _share_of_day(hour.hour) * rng.uniform(0.8, 1.2)
        for pk, weight in weights.items():
            views = int(reads * weight / total)
            if views:
                hourly.append(HourlyReads(story_id=pk, hour=hour, views=views))
                daily[(pk, hour.date())] = daily.get((pk, hour.date()), 0) + views
    with transaction.atomic():
        HourlyReads.objects.all().delete()
        DailyReads.objects.all().delete()
        HourlyReads.objects.bulk_create(hourly, batch_size=2000)
        DailyReads.objects.bulk_create(
            [DailyReads(story_id=pk, day=day, views=n) for (pk, day), n in daily.items()],
            batch_size=2000,
        )
    return sum(row.views for row in hourly)
