"""The related stories' subscriber to the change pipeline (content/changes.py)."""

from newsdesk.content import changes
from newsdesk.related import refresh
from newsdesk.related.tasks import rebuild_related_job, refresh_neighbours_job


def on_change(change) -> None:
    """The related stories' subscriber to the change pipeline (content/changes.py)."""
    if isinstance(change, changes.StoryChange):
        # Its own list now, so its page shows one; the neighbours' by the worker, as
        # they are many more (each a few milliseconds).
        refresh.purge(refresh.refresh_story(change.story.pk))
        refresh_neighbours_job.enqueue(change.story.pk)
    elif isinstance(change, changes.BulkChange) and (change.shown or change.everything):
        ids = None if change.everything else sorted(change.story_ids)
        rebuild_related_job.enqueue(ids)
    elif isinstance(change, changes.NamesChanged) and change.story_ids:
        rebuild_related_job.enqueue(sorted(change.story_ids))
