"""Fold new reads into hourly and daily buckets (the worker runs this every few minutes).

Robots that pass the beacon's user-agent check give themselves away by their rate: a
visitor (the day's hash) reading more stories in a day, or in one minute, than a person
reads is not counted from then on. Reads of stories readers cannot see are dropped.
Afterwards the day's salt and reads from before today are deleted, and the cached
most-read lists purged if what they show has changed.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncMinute
from django.utils import timezone

from newsdesk.content.services.visibility import live_stories
from newsdesk.pagecache import store
from newsdesk.readership import ranking, spool
from newsdesk.readership.models import DailyReads, DailySalt, HourlyReads, Read, Tally

TALLY = "reads"
BATCH = 5000
# Hourly buckets serve the 24-hour and 7-day lists; daily buckets keep the history.
KEEP_HOURS = timedelta(days=8)
MOST_READ_KEY = "most-read"


def tally() -> Tally:
    return Tally.objects.get_or_create(name=TALLY)[0]


def _robots(days, visitors) -> set[tuple]:
    """(day, visitor) pairs reading faster than a person does."""
    mine = Read.objects.filter(day__in=days, visitor__in=visitors)
    per_day = (
        mine.values("day", "visitor")
        .annotate(n=Count("id"))
        .filter(n__gt=settings.NEWSDESK_READS_PER_VISITOR_DAY)
    )
    per_minute = (
        mine.annotate(minute=TruncMinute("at"))
        .values("day", "visitor", "minute")
        .annotate(n=Count("id"))
        .filter(n__gt=settings.NEWSDESK_READS_PER_VISITOR_MINUTE)
    )
    return {(row["day"], row["visitor"]) for row in [*per_day, *per_minute]}


def _countable(batch, now) -> list:
    robots = _robots({r.day for r in batch}, {r.visitor for r in batch})
    live = set(
        live_stories(now).filter(pk__in={r.story_id for r in batch}).values_list("pk", flat=True)
    )
    return [r for r in batch if r.story_id in live and (r.day, r.visitor) not in robots]


def _add(model, bucket_field: str, counts: Counter) -> None:
    """Add `counts` {(story id, bucket): n} to the buckets, creating those missing."""
    existing = {
        (row.story_id, getattr(row, bucket_field)): row
        for row in model.objects.filter(
            story_id__in={story for story, _ in counts},
            **{f"{bucket_field}__in": {bucket for _, bucket in counts}},
        )
    }
    changed, created = [], []
    for (story_id, bucket), n in counts.items():
        row = existing.get((story_id, bucket))
        if row is None:
            created.append(model(story_id=story_id, views=n, **{bucket_field: bucket}))
        else:
            row.views += n
            changed.append(row)
    model.objects.bulk_update(changed, ["views"])
    model.objects.bulk_create(created)


def _fold_batch(now) -> int:
    """Fold up to BATCH new reads; how many were read."""
    with transaction.atomic():
        bookmark = Tally.objects.select_for_update().get(name=TALLY)
        batch = list(Read.objects.filter(pk__gt=bookmark.last_read).order_by("pk")[:BATCH])
        if not batch:
            return 0
        reads = _countable(batch, now)
        hour = lambda at: at.replace(minute=0, second=0, microsecond=0)  # noqa: E731
        _add(HourlyReads, "hour", Counter((r.story_id, hour(r.at)) for r in reads))
        _add(DailyReads, "day", Counter((r.story_id, r.day) for r in reads))
        bookmark.last_read = batch[-1].pk
        bookmark.save(update_fields=["last_read"])
    return len(batch)


def _forget(now) -> None:
    """Yesterday's salt and reads (already folded) go: their hashes mean nothing anymore."""
    today = now.date()
    DailySalt.objects.filter(day__lt=today).delete()
    Read.objects.filter(day__lt=today, pk__lte=tally().last_read).delete()
    HourlyReads.objects.filter(hour__lt=now - KEEP_HOURS).delete()


def refresh_lists(now) -> bool:
    """Purge the cached most-read lists if what they show changed; True if it did."""
    shown = ranking.fingerprint(now)
    if Tally.objects.filter(name=TALLY).exclude(shown=shown).update(shown=shown) == 0:
        return False
    if store.enabled():
        store.purge_keys([MOST_READ_KEY])
    return True


def aggregate(now=None, everything: bool = False) -> int:
    """Take this host's spooled reads (of finished minutes; all of them with
    `everything`), fold every new read into the buckets; the number of reads looked at."""
    now = now or timezone.now()
    spool.take(now, everything)
    tally()
    total = 0
    while folded := _fold_batch(now):
        total += folded
    _forget(now)
    refresh_lists(now)
    return total
