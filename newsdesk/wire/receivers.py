"""The wire's subscriber to the change pipeline, in the worker: a story published for the
first time, written or imported rather than accepted from the wire, joins
the cluster of its event (services/coverage.py); accepted stories joined when accepted."""

from newsdesk.content import changes
from newsdesk.wire.tasks import cluster_story_job


def in_worker(change: changes.QueuedStoryChange) -> None:
    if change.is_live and not change.was_live:
        cluster_story_job.call(change.story_id)
