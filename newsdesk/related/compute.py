"""Work out a story's related stories: index its terms, find the live stories sharing the
heaviest of them (through the index), score by cosine and closeness in time, store.

Recency: a follow-up is worth more to a reader than a two-year-old piece with the same
words; the score is divided by 1 + (days apart / RECENCY_DAYS). Kept mild: on labelled
sets whose labels ignore time, a stronger pull costs precision (bench/related_precision.py:
two years, 0.78 on the readability pages; none, 0.80; 180 days, 0.72; 30 days, 0.54).
"""

from collections import Counter

from django.db import connection, transaction

from newsdesk.content.models import Story
from newsdesk.content.services.visibility import live_stories
from newsdesk.related import terms
from newsdesk.related.models import RelatedStory, StoryTerm, TermCount

SHOWN = 5
KEPT = 8  # a few spare: one unpublished is replaced at once on the page
CANDIDATES = 60
RECENCY_DAYS = 730.0
STORIES = ""  # the TermCount row counting the stories


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


def index_stories(story_ids, document_frequency=None) -> None:
    """(Re)write the terms of these stories. Document frequencies are read from
    `TermCount` (stories new to the index counted in first) unless given: a rebuild
    counts them over every story first."""
    rows = [(story, _frequencies(story, tag_ids)) for story, tag_ids in _story_fields(story_ids)]
    with transaction.atomic():
        if document_frequency is None:
            indexed = set(
                StoryTerm.objects.filter(story_id__in=story_ids).values_list("story_id", flat=True)
            )
            _count_in([counts for story, counts in rows if story.pk not in indexed])
            wanted = set().union(*(counts.keys() for _, counts in rows)) if rows else set()
            document_frequency = _document_frequency(wanted | {STORIES})
        documents = max(document_frequency.get(STORIES, 0), 1)
        StoryTerm.objects.filter(story_id__in=story_ids).delete()
        StoryTerm.objects.bulk_create(
            StoryTerm(story_id=story.pk, term=term, weight=weight)
            for story, counts in rows
            for term, weight in terms.weigh(counts, document_frequency, documents).items()
        )


def _chunks(items, size=500):  # SQLite's limit on query parameters
    items = list(items)
    return (items[start : start + size] for start in range(0, len(items), size))


def _document_frequency(wanted) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        found.update(TermCount.objects.filter(term__in=chunk).values_list("term", "stories"))
    return found


def _count_in(new_stories) -> None:
    """Add stories new to the index to the document frequencies."""
    if not new_stories:
        return
    added = Counter(term for counts in new_stories for term in counts)
    added[STORIES] = len(new_stories)
    for chunk in _chunks(added):
        rows = {row.term: row for row in TermCount.objects.filter(term__in=chunk)}
        for row in rows.values():
            row.stories += added[row.term]
        TermCount.objects.bulk_update(rows.values(), ["stories"])
        TermCount.objects.bulk_create(
            [TermCount(term=term, stories=added[term]) for term in chunk if term not in rows],
            ignore_conflicts=True,
        )


def replace_document_frequency(document_frequency: dict[str, int], stories: int) -> None:
    with transaction.atomic():
        TermCount.objects.all().delete()
        TermCount.objects.bulk_create(
            [TermCount(term=term, stories=n) for term, n in document_frequency.items()]
            + [TermCount(term=STORIES, stories=stories)],
            batch_size=2000,
        )


# The stories sharing terms with one, scored by the sum of weight products (a cosine:
# weights are unit vectors), found through the term index. One self-join in SQL; the ORM
# would say it as a correlated subquery per row, four times slower.
_SHARING = """
SELECT other.story_id, SUM(mine.weight * other.weight) AS cosine
FROM {table} mine JOIN {table} other ON other.term = mine.term
WHERE mine.story_id = %s AND other.story_id <> %s
GROUP BY other.story_id ORDER BY cosine DESC, other.story_id DESC LIMIT %s
"""


def scored(story: Story, now=None) -> list[tuple[int, float]]:
    """(story id, score) of the live stories most related to `story`, best first."""
    with connection.cursor() as cursor:
        cursor.execute(
            _SHARING.format(table=connection.ops.quote_name(StoryTerm._meta.db_table)),
            [story.pk, story.pk, CANDIDATES],
        )
        cosines = dict(cursor.fetchall())
    moments = dict(live_stories(now).filter(pk__in=cosines).values_list("pk", "published_at"))
    anchor = story.published_at

    def score(story_id):
        moment = moments[story_id]
        days = abs((anchor - moment).total_seconds()) / 86400 if anchor and moment else 0
        return cosines[story_id] / (1 + days / RECENCY_DAYS)

    ranked = sorted(moments, key=lambda pk: (-score(pk), -pk))
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
