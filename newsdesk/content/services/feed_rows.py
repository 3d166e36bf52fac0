"""What a feed reads: the newest live stories of a list as plain rows, then the names of
their people and tags, each by a prepared query (prepared.py).

Building and compiling the stories' queryset cost a feed ≈ 0.6 ms of Python for a query
SQLite answers in a tenth of that; the list and the visibility rule still come from
`pagecounts.list_filter()` and `visibility.live_stories()`, compiled once per process.
"""

from collections import defaultdict
from datetime import datetime

from django.db.models import IntegerField, Value
from django.utils import timezone

from newsdesk.content.models import Byline, Story
from newsdesk.content.services.cards import NEWEST_FIRST, padded
from newsdesk.content.services.lists import KINDS, READ_BY_DATE
from newsdesk.content.services.pagecounts import ALL, day_start, list_filter
from newsdesk.content.services.pages import oldest_day_needed
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import live_stories

STORY_FIELDS = (
    "id",
    "headline",
    "slug",
    "standfirst",
    "body",
    "published_at",
    "updated_at",
    "featured_image__file",
)


def _newest(kind: str, now, ident, since, size):
    stories = Story.objects.all()
    if since is not None:  # the day bound first in the WHERE clause (see pages.listing_page)
        stories = stories.filter(published_at__gte=since)
    key = kind if kind == ALL else f"{kind}:{ident}"
    stories = (stories & list_filter(live_stories(now), key)).order_by(*NEWEST_FIRST)
    return stories.values_list(*STORY_FIELDS)[:size]


_stories = {kind: Prepared(lambda kind=kind, **values: _newest(kind, **values)) for kind in KINDS}

# Bylines then tags of the stories, in one trip: (0, story, person's name, position, '',
# byline id) rows in Byline's order, then (1, story, tag's name, 0, name, tag id) rows by
# name. The order columns (4–6) are chosen so that one ORDER BY keeps both orders.
_names = Prepared(
    lambda ids: (
        Byline.objects.filter(story_id__in=ids)
        .order_by()
        .values_list("story_id", "person__name", "position", Value(""), "id"),
        Story.tags.through.objects.filter(story_id__in=ids)
        .order_by()
        .values_list("story_id", "tag__name", Value(0, IntegerField()), "tag__name", "tag_id"),
    ),
    wrap="SELECT 0, bylines.* FROM ({0}) AS bylines"
    " UNION ALL SELECT 1, tags.* FROM ({1}) AS tags ORDER BY 1, 4, 5, 6",
)


def newest_stories(list_key: str, size: int, now: datetime | None = None) -> list[tuple]:
    """The newest `size` live stories of the list `list_key` ("all", "section:7", …), newest
    first, as rows of STORY_FIELDS.

    A tag's or author's stories come through a link table, which no index reads in date
    order: "newest first, LIMIT n" would read and sort every one of them (tens of thousands
    for a busy tag at a million stories). Their day counts (pagecounts) bound the read to
    the days the newest `size` span."""
    now = now or timezone.now()
    kind, _, ident = list_key.partition(":")
    values = {"now": now, "ident": int(ident) if ident else None, "size": Limit(size)}
    since = None
    if kind not in READ_BY_DATE and (oldest := oldest_day_needed(list_key, size, now)):
        since = day_start(oldest)
        rows = _stories[kind].rows(since=since, **values)
        if len(rows) == size:
            return rows
        # Fewer: the counts are out of date (see api.story_queries): right beats fast.
    return _stories[kind].rows(since=None, **values)


def names_by_story(ids: list[int]) -> tuple[dict, dict]:
    """The names of the people bylined on each story (in byline order) and of its tags (by
    name), as two dicts of story id → list of names."""
    people, tags = defaultdict(list), defaultdict(list)
    if ids:
        for kind, story_id, name, *_ in _names.rows(ids=padded(ids)):
            (tags if kind else people)[story_id].append(name)
    return people, tags
