"""Extraction in the worker (`newsdesk worker`): jobs take ids and are safe to run again."""

from django_tasks import task

from newsdesk.claims import ledger
from newsdesk.content.models import Story


@task()
def extract_story_claims(story_id: int) -> bool:
    story = Story.objects.filter(pk=story_id).first()
    return ledger.refresh(story) if story is not None else False


@task()
def extract_stories_claims(story_ids: list[int] | None = None) -> int:
    """Many stories (an import, the demo): every story when `story_ids` is None."""
    stories = Story.objects.filter(deleted_at__isnull=True).order_by("pk")
    if story_ids is not None:
        stories = stories.filter(pk__in=story_ids)
    return sum(ledger.refresh(story) for story in stories.iterator(chunk_size=200))
