"""Background work for content. Run by `newsdesk worker` (django-tasks-db's db_worker)."""

from django_tasks import task

from newsdesk.content import changes
from newsdesk.content.services import publishing


def queue_worker_subscribers(change) -> None:
    """The pipeline's subscriber that hands a story change to the worker's subscribers
    (NEWSDESK_CHANGE_WORKER_SUBSCRIBERS) as one job."""
    if isinstance(change, changes.StoryChange) and changes.worker_subscribers():
        story_changed_in_worker.enqueue(
            change.kind, change.story.pk, change.was_live, change.is_live
        )


@task()
def story_changed_in_worker(kind: str, story_id: int, was_live: bool, is_live: bool) -> int:
    change = changes.QueuedStoryChange(kind, story_id, was_live, is_live)
    subscribers = changes.worker_subscribers()
    changes.dispatch(change, to=subscribers)
    return len(subscribers)


@task()
def announce_scheduled_story(story_id: int) -> bool:
    """At a scheduled story's time: tell listeners (cache, search, webhooks) it is live.
    Readers already see it by then (the visibility query decides); this is the echo."""
    return publishing.announce_scheduled(story_id)


@task()
def make_image_renditions(image_id: int) -> int:
    from newsdesk.content.services import media

    return media.make_all_renditions(image_id)
