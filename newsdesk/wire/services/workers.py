"""Keeping the shared job queue whole while workers come and go.

Each `newsdesk worker` beats a heartbeat row every few seconds. A job still marked
"running" by a worker whose heartbeat went stale (the process was killed, the machine
died) is put back to "ready" for another worker; the conditional UPDATE makes exactly one
of many reapers win. Claiming itself is django-tasks-db's (SELECT … FOR UPDATE SKIP LOCKED
on PostgreSQL), so no ready job is handed to two workers.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.wire.models import WorkerHeartbeat
from newsdesk.wire.services.polling import claim_due_feed, due_feeds

FORGET_AFTER = timedelta(days=1)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "last_seen": timezone.now(),
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def stop(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_orphans(stale_after: timedelta) -> int:
    """Put back jobs claimed by workers whose heartbeat stopped; returns how many."""
    now = timezone.now()
    dead = set(
        WorkerHeartbeat.objects.filter(last_seen__lt=now - stale_after).values_list(
            "worker_id", flat=True
        )
    )
    if not dead:
        return 0
    requeued = 0
    for job in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids"
    ):
        if job.worker_ids and job.worker_ids[-1] in dead:
            requeued += DBTaskResult.objects.filter(
                pk=job.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY, started_at=None)
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()
    return requeued


def enqueue_due_polls() -> int:
    """Enqueue one poll job per due feed; several schedulers never enqueue a feed twice."""
    from newsdesk.wire.tasks import poll_feed_job

    enqueued = 0
    for feed in due_feeds():
        with transaction.atomic():
            if claim_due_feed(feed):
                poll_feed_job.enqueue(feed.pk)
                enqueued += 1
    return enqueued
