"""Story changes → webhooks: the content API's subscriber to the change pipeline
(content/changes.py, listed in NEWSDESK_CHANGE_SUBSCRIBERS)."""

import logging

from newsdesk.api import webhooks
from newsdesk.content import changes
from newsdesk.content.changes import StoryChange

logger = logging.getLogger(__name__)


# Live coverage changes announced to webhooks (a blog archived or reopened is not).
LIVE_EVENTS = {
    changes.ENTRY_POSTED: "live.entry.posted",
    changes.ENTRY_UPDATED: "live.entry.updated",
    changes.ENTRY_DELETED: "live.entry.deleted",
    changes.ALERT_STARTED: "breaking.started",
    changes.ALERT_ENDED: "breaking.ended",
}


def queue_webhooks(change) -> None:
    """One `story.published` / `story.updated` / `story.unpublished` per change readers saw;
    one `live.entry.*` / `breaking.*` per live coverage change."""
    if isinstance(change, changes.LiveChange):
        _queue_live(change)
        return
    if not isinstance(change, StoryChange) or change.reader_event is None:
        return
    # The change is committed already; a queue failure must not turn the editor's
    # successful publish into an error page, so it is logged instead.
    try:
        webhooks.record_event(f"story.{change.reader_event}", change.story)
    except Exception:
        logger.exception("Could not queue webhooks for story %s", change.story.pk)


def _queue_live(change) -> None:
    event = LIVE_EVENTS.get(change.kind)
    if event is None or (change.story is not None and not change.story.is_live):
        return  # a draft live blog's entries are nobody's news yet
    try:
        webhooks.record_payload(event, webhooks.live_payload(event, change))
    except Exception:
        logger.exception("Could not queue webhooks for %s", event)
