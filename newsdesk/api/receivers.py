"""Story changes → webhooks: the content API's subscriber to the change pipeline
(content/changes.py, listed in NEWSDESK_CHANGE_SUBSCRIBERS)."""

import logging

from newsdesk.api import webhooks
from newsdesk.content.changes import StoryChange

logger = logging.getLogger(__name__)


def queue_webhooks(change) -> None:
    """One `story.published` / `story.updated` / `story.unpublished` per change readers saw."""
    if not isinstance(change, StoryChange) or change.reader_event is None:
        return
    # The change is committed already; a queue failure must not turn the editor's
    # successful publish into an error page, so it is logged instead.
    try:
        webhooks.record_event(f"story.{change.reader_event}", change.story)
    except Exception:
        logger.exception("Could not queue webhooks for story %s", change.story.pk)
