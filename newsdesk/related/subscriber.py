"""The related stories' subscriber to the change pipeline (content/changes.py)."""

from newsdesk.content import changes
from newsdesk.related.tasks import rebuild_related_job, refresh_related_job


def in_worker(change: changes.QueuedStoryChange) -> None:
    """A story changed: its list and its neighbours' lists worked out again."""
    refresh_related_job.call(change.story_id)


def on_change(change) -> None:
    """Bulk and name changes (a story's own changes come through `in_worker`)."""
    if isinstance(change, changes.BulkChange) and (change.shown or change.everything):
        ids = None if change.everything else sorted(change.story_ids)
        rebuild_related_job.enqueue(ids)
    elif isinstance(change, changes.NamesChanged) and change.deleted and change.story_ids:
        # Terms name tags and sections by id: a rename changes nothing, a deletion does.
        rebuild_related_job.enqueue(sorted(change.story_ids))
