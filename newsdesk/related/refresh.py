"""Keep related lists current as stories change: the change pipeline's subscriber.

A story's change (subscriber.py) re-indexes it and works out its list again; the stories
listed in its new list, and those that listed it, are worked out again too (a new story joins the
lists of the stories it is close to; an unpublished one leaves them). The cached pages
whose lists changed are purged by their own key, nothing else. Bulk changes (imports, a
renamed or deleted tag or section) are worked out by the worker.
"""

from django.db.models import Q

from newsdesk.content.models import Story
from newsdesk.pagecache import store
from newsdesk.related import compute
from newsdesk.related.models import RelatedStory, StoryTerm
from newsdesk.related.reading import page_key


def purge(story_ids) -> None:
    if story_ids and store.enabled():
        store.purge_keys([page_key(pk) for pk in sorted(story_ids)])


def refresh_story(story_id: int) -> set[int]:
    """Re-index one story and rework the lists it is in or should be in; the ids of the
    stories whose lists changed."""
    compute.index_stories([story_id])
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return set()
    changed = {story_id} if compute.store_related(story) else set()
    mine = RelatedStory.objects.filter(story=story, rank__lte=compute.SHOWN)
    neighbours = Story.objects.filter(
        Q(pk__in=mine.values("related_id"))
        | Q(pk__in=RelatedStory.objects.filter(related=story).values("story_id"))
    ).exclude(pk=story_id)
    changed |= {other.pk for other in neighbours if compute.store_related(other)}
    return changed


def rebuild(story_ids=None) -> int:
    """Re-index and rework stories wholesale: all of them (None), or these and their
    neighbours; the number of lists that changed (whose pages are purged)."""
    if story_ids is None:
        changed = rebuild_everything()
    else:
        changed = set()
        for story_id in story_ids:
            changed |= refresh_story(story_id)
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
    StoryTerm.objects.exclude(story_id__in=frequencies).delete()
    for start in range(0, len(ids), 500):
        compute.index_stories(ids[start : start + 500], document_frequency, len(ids))
    changed = set()
    live_fields = ("pk", "status", "published_at", "deleted_at")
    for story in Story.objects.filter(pk__in=ids).only(*live_fields):
        if compute.store_related(story):
            changed.add(story.pk)
    return changed
