"""The related stories' work, done by the worker: a publish costs the editor's request
one queued job, not the few dozen queries of working lists out."""

from django_tasks import task

from newsdesk.related import refresh


@task()
def rebuild_related_job(story_ids: list[int] | None = None) -> int:
    return refresh.rebuild(story_ids)


@task()
def refresh_related_job(story_id: int) -> int:
    """A changed story re-indexed and its list worked out, then the lists of its
    neighbours (a new story joins the lists of the stories it is close to; one
    unpublished leaves them); the pages whose lists changed are purged."""
    changed = refresh.refresh_story(story_id)
    changed |= refresh.refresh_lists(refresh.neighbours(story_id))
    refresh.purge(changed)
    return len(changed)
