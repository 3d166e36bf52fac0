from django_tasks import task

from newsdesk.related import refresh


@task()
def rebuild_related_job(story_ids: list[int] | None = None) -> int:
    return refresh.rebuild(story_ids)
