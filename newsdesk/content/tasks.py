"""Background work for content. Run by `newsdesk worker` (django-tasks-db's db_worker)."""

from django_tasks import task

from newsdesk.content.services import publishing


@task()
def announce_scheduled_story(story_id: int) -> bool:
    """At a scheduled story's time: tell listeners (cache, search, webhooks) it is live.
    Readers already see it by then (the visibility query decides); this is the echo."""
    return publishing.announce_scheduled(story_id)


@task()
def make_image_renditions(image_id: int) -> int:
    from newsdesk.content.services import media

    return media.make_all_renditions(image_id)
