"""The wire's subscriber to the change pipeline: a story published for the first time,
written or imported rather than accepted from the wire, is given to the worker to join
the cluster of its event (services/coverage.py); accepted stories joined when accepted."""

from django.db import transaction

from newsdesk.content import changes
from newsdesk.wire.tasks import cluster_story_job


def on_change(change) -> None:
    if isinstance(change, changes.StoryChange) and change.is_live and not change.was_live:
        transaction.on_commit(lambda: cluster_story_job.enqueue(change.story.pk))
