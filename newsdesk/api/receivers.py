"""Content events → webhooks. Connected in ApiConfig.ready()."""

import logging

from django.dispatch import receiver

from newsdesk.api import webhooks
from newsdesk.content.signals import story_published, story_unpublished, story_updated

logger = logging.getLogger(__name__)

EVENTS = {
    story_published: "story.published",
    story_updated: "story.updated",
    story_unpublished: "story.unpublished",
}


@receiver([story_published, story_updated, story_unpublished])
def queue_webhooks(signal, story, **kwargs):
    # The change is committed already; a queue failure must not turn the editor's
    # successful publish into an error page, so it is logged instead.
    try:
        webhooks.record_event(EVENTS[signal], story)
    except Exception:
        logger.exception("Could not queue webhooks for story %s", story.pk)
