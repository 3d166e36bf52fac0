"""The ledger's subscriber to the change pipeline (content/changes.py): every change to a
story's text or date queues its extraction in the worker, so an editor's save never waits
for it."""

from newsdesk.claims.tasks import extract_stories_claims, extract_story_claims
from newsdesk.content import changes

# A move to the trash changes nothing the ledger reads; the claims wait for a restore.
IGNORED = {changes.TRASHED}


def in_worker(change: changes.QueuedStoryChange) -> None:
    if change.kind not in IGNORED:
        extract_story_claims.call(change.story_id)


def on_change(change) -> None:
    """Bulk changes (a story's own changes come through `in_worker`)."""
    if isinstance(change, changes.BulkChange) and change.shown:
        ids = None if change.everything else sorted(change.story_ids)
        if ids != []:
            extract_stories_claims.enqueue(ids)
