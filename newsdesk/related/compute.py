"""Work out a story's related stories: index its terms, find the live stories sharing the
heaviest of them (through the index), score by cosine and closeness in time, store.

Recency: stories about the same thing tend to be close in time, and a follow-up is worth
more to a reader than a two-year-old piece with the same words; the score is divided by
1 + (days apart / RECENCY_DAYS). bench/related_precision.py measures the choice.
"""

from django.db import transaction
from django.db.models import Case, Count, F, FloatField, Sum, Value, When

from newsdesk.content.models import Story
from newsdesk.content.services.visibility import live_stories
from newsdesk.related import terms
from newsdesk.related.models import RelatedStory, StoryTerm

SHOWN = 5
KEPT = 8  # a few spare: one unpublished is replaced at once on the page
CANDIDATES = 60
RECENCY_DAYS = 180.0


def _story_fields(story_ids):
    stories = Story.objects.filter(pk__in=story_ids).only(
        "pk", "headline", "standfirst", "body", "section_id"
    )
    tags: dict[int, list[int]] = {}
    for story_id, tag_id in Story.tags.through.objects.filter(story_id__in=story_ids).values_list(
        "story_id", "tag_id"
    ):
        tags.setdefault(story_id, []).append(tag_id)
    return [(story, tags.get(story.pk, [])) for story in stories]


def _frequencies(story, tag_ids):
    return terms.raw_counts(story.headline, story.standfirst, story.body, tag_ids, story.section_id)


def index_stories(story_ids, document_frequency=None, documents=None) -> None:
    """(Re)write the terms of these stories. Document frequencies are read from the index
    unless given (a rebuild counts them over every story first)."""
    rows = [(story, _frequencies(story, tag_ids)) for story, tag_ids in _story_fields(story_ids)]
    if document_frequency is None:
        wanted = set().union(*(counts.keys() for _, counts in rows)) if rows else set()
        document_frequency = _document_frequency(wanted)
        documents = Story.objects.count()
    with transaction.atomic():
        StoryTerm.objects.filter(story_id__in=story_ids).delete()
        StoryTerm.objects.bulk_create(
            StoryTerm(story_id=story.pk, term=term, weight=weight)
            for story, counts in rows
            for term, weight in terms.weigh(counts, document_frequency, documents).items()
        )


def _document_frequency(wanted) -> dict[str, int]:
    found: dict[str, int] = {}
    wanted = list(wanted)
    for start in range(0, len(wanted), 500):  # SQLite's limit on query parameters
        chunk = wanted[start : start + 500]
        for term, n in (
            StoryTerm.objects.filter(term__in=chunk).values_list("term").annotate(n=Count("id"))
        ):
            found[term] = n
    return found


def scored(story: Story, now=None) -> list[tuple[int, float]]:
    """(story id, score) of the live stories most related to `story`, best first."""
    mine = dict(StoryTerm.objects.filter(story=story).values_list("term", "weight"))
    if not mine:
        return []
    my_weight = Case(
        *(When(term=term, then=Value(weight)) for term, weight in mine.items()),
        output_field=FloatField(),
    )
    candidates = (
        StoryTerm.objects.filter(term__in=mine, story__in=live_stories(now))
        .exclude(story=story)
        .values("story_id")
        .annotate(cosine=Sum(F("weight") * my_weight))
        .order_by("-cosine", "-story_id")[:CANDIDATES]
    )
    cosines = {row["story_id"]: row["cosine"] for row in candidates}
    moments = dict(Story.objects.filter(pk__in=cosines).values_list("pk", "published_at"))
    anchor = story.published_at

    def score(story_id):
        moment = moments.get(story_id)
        days = abs((anchor - moment).total_seconds()) / 86400 if anchor and moment else 0
        return cosines[story_id] / (1 + days / RECENCY_DAYS)

    ranked = sorted(cosines, key=lambda pk: (-score(pk), -pk))
    return [(pk, score(pk)) for pk in ranked]


def store_related(story: Story, now=None) -> bool:
    """Work out and keep `story`'s related stories; True if the list changed."""
    best = scored(story, now)[:KEPT] if story.is_live else []
    stored = RelatedStory.objects.filter(story=story).order_by("rank")
    before = list(stored.values_list("related_id", flat=True))
    if before == [pk for pk, _ in best]:
        return False
    with transaction.atomic():
        RelatedStory.objects.filter(story=story).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(story=story, related_id=pk, rank=rank, score=score)
            for rank, (pk, score) in enumerate(best, 1)
        )
    return True
