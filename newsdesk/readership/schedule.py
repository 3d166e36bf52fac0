"""Enqueue the aggregation when it is due; called by every worker's housekeeping, and
the conditional UPDATE lets exactly one of them enqueue it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.readership.aggregation import TALLY, tally
from newsdesk.readership.models import Tally
from newsdesk.readership.tasks import aggregate_reads_job


def enqueue_due(now=None) -> bool:
    now = now or timezone.now()
    due = tally().due
    if due is not None and due > now:
        return False
    every = timedelta(seconds=settings.NEWSDESK_MOST_READ_EVERY)
    if not Tally.objects.filter(name=TALLY, due=due).update(due=now + every):
        return False  # another worker claimed this run
    aggregate_reads_job.enqueue()
    return True
