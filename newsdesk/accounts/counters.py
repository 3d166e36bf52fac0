"""Counters for rate limits that hold across worker processes.

A limit kept in a local-memory cache is multiplied by the number of workers (each has its
own count). On Redis the counters are Redis's atomic INCR; on every other cache (the
default local memory, files) they are rows of RateCounter, incremented by one UPDATE, so
SQLite and PostgreSQL count exactly whatever the number of processes.

    hit(key, seconds) -> int   # count this event in the current window; the new count
    peek(key) -> int           # the count in the current window, without counting
    reset(key)
"""

from datetime import timedelta

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.accounts.models import RateCounter

PREFIX = "rate:"


def _on_redis() -> bool:
    return isinstance(caches["default"], RedisCache)


def hit(key: str, seconds: int) -> int:
    if _on_redis():
        if cache.add(PREFIX + key, 1, timeout=seconds):
            return 1
        try:
            return cache.incr(PREFIX + key)
        except ValueError:  # expired between add() and incr()
            cache.add(PREFIX + key, 1, timeout=seconds)
            return 1
    return _hit_in_database(key, seconds)


def _hit_in_database(key: str, seconds: int) -> int:
    while True:
        now = timezone.now()
        with transaction.atomic():
            live = RateCounter.objects.filter(key=key, expires_at__gt=now)
            if live.update(count=F("count") + 1):
                # The UPDATE holds the row until commit: this is our own count.
                return live.values_list("count", flat=True).first() or 1
            expires = now + timedelta(seconds=seconds)
            # An expired window starts again; only one process can win this UPDATE.
            if RateCounter.objects.filter(key=key, expires_at__lte=now).update(
                count=1, expires_at=expires
            ):
                return 1
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:
                continue  # another process created it first: count in its window
            # Old windows are removed as new ones start, so the table stays small.
            RateCounter.objects.filter(expires_at__lt=now - timedelta(hours=1)).delete()
            return 1


def peek(key: str) -> int:
    if _on_redis():
        return cache.get(PREFIX + key) or 0
    row = RateCounter.objects.filter(key=key, expires_at__gt=timezone.now())
    return row.values_list("count", flat=True).first() or 0


def reset(key: str) -> None:
    if _on_redis():
        cache.delete(PREFIX + key)
    else:
        RateCounter.objects.filter(key=key).delete()
