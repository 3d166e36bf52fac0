from django_tasks import task

from newsdesk.related import refresh


@task()
def rebuild_related_job(story_ids: list[int] | None = None) -> int:
    return refresh.rebuild(story_ids)


@task()
def refresh_neighbours_job(story_id: int) -> int:
    """The lists a changed story's neighbours show, worked out again; their pages purged."""
    changed = refresh.refresh_lists(refresh.neighbours(story_id))
    refresh.purge(changed)
    return len(changed)
