"""The related stories' subscriber to the change pipeline (content/changes.py)."""

from newsdesk.content import changes
from newsdesk.related.tasks import rebuild_related_job, refresh_related_job


def on_change(change) -> None:
    """The related stories' subscriber to the change pipeline (content/changes.py)."""
    if isinstance(change, changes.StoryChange):
        refresh_related_job.enqueue(change.story.pk)
    elif isinstance(change, changes.BulkChange) and (change.shown or change.everything):
        ids = None if change.everything else sorted(change.story_ids)
        rebuild_related_job.enqueue(ids)
    elif isinstance(change, changes.NamesChanged) and change.deleted and change.story_ids:
        # Terms name tags and sections by id: a rename changes nothing, a deletion does.
        rebuild_related_job.enqueue(sorted(change.story_ids))
