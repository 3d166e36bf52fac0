"""Keep related lists current as stories change.

A story's change (subscriber.py, then tasks.py in the worker) re-indexes it and works
out its list; the stories in its new list, and those that listed it, are worked out
again (a new story joins the lists of the stories it is close to; an unpublished one
leaves them). Cached pages whose lists changed are purged by their own key, nothing else. Bulk
changes (imports, a deleted tag or section) are worked out wholesale by the worker.
"""

from newsdesk.content.models import Story
from newsdesk.pagecache import store
from newsdesk.related import compute
from newsdesk.related.models import RelatedStory, StoryTerm
from newsdesk.related.reading import page_key


def purge(story_ids) -> None:
    if story_ids and store.enabled():
        store.purge_keys([page_key(pk) for pk in sorted(story_ids)])


def refresh_story(story_id: int) -> set[int]:
    """Re-index one story and work out its own list; the ids whose lists changed (its
    own, or none)."""
    compute.index_stories([story_id])
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return set()
    return {story_id} if compute.store_related(story) else set()


def neighbours(story_id: int) -> list[int]:
    """The stories in this story's list and those listing it: their lists may change
    when it does (a new story joins the lists of those it is close to)."""
    mine = RelatedStory.objects.filter(story_id=story_id, rank__lte=compute.SHOWN)
    listing = RelatedStory.objects.filter(related_id=story_id)
    ids = set(mine.values_list("related_id", flat=True)) | set(
        listing.values_list("story_id", flat=True)
    )
    return sorted(ids - {story_id})


def refresh_lists(story_ids) -> set[int]:
    """Work out these stories' lists again (no re-indexing); the ids whose lists changed."""
    return {s.pk for s in Story.objects.filter(pk__in=story_ids) if compute.store_related(s)}


def rebuild(story_ids=None) -> int:
    """Re-index and rework stories wholesale: all of them (None), or these and their
    neighbours; the number of lists that changed (whose pages are purged)."""
    if story_ids is None:
        changed = rebuild_everything()
    else:
        changed = set()
        for story_id in story_ids:
            changed |= refresh_story(story_id)
            changed |= refresh_lists(neighbours(story_id))
    purge(changed)
    return len(changed)


def rebuild_everything() -> set[int]:
    """Every story indexed with document frequencies counted over all of them, then every
    live story's list worked out."""
    ids = list(Story.objects.filter(deleted_at__isnull=True).values_list("pk", flat=True))
    frequencies = {}
    for start in range(0, len(ids), 500):
        for story, tag_ids in compute._story_fields(ids[start : start + 500]):
            frequencies[story.pk] = compute._frequencies(story, tag_ids)
    document_frequency: dict[str, int] = {}
    for counts in frequencies.values():
        for term in counts:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    StoryTerm.objects.exclude(story__in=Story.objects.filter(deleted_at__isnull=True)).delete()
    compute.replace_document_frequency(document_frequency, len(ids))
    document_frequency[compute.STORIES] = len(ids)
    for start in range(0, len(ids), 500):
        compute.index_stories(ids[start : start + 500], document_frequency)
    changed = set()
    live_fields = ("pk", "status", "published_at", "deleted_at")
    for story in Story.objects.filter(pk__in=ids).only(*live_fields):
        if compute.store_related(story):
            changed.add(story.pk)
    return changed
