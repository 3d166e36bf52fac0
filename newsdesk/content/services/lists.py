"""Numbered pages of the readers' story lists (archive, section, tag, author) as cards.

Located from per-day counts and their monthly totals (`pages.locate_page`): stories of past
days are counted from those, today's live (a handful, by index), so a scheduled story shows
up by the clock; then the page's ids come from a window of a day or two (an OFFSET bounded by
those days, never by the page's depth), then its stories. Each query is prepared once per
process (prepared.py): the list is named by its key ("section:7") rather than handed over
as a queryset, so its SQL can be compiled ahead of the request.
"""

from collections import namedtuple
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from newsdesk.content.models import Story
from newsdesk.content.services.cards import (
    NEWEST_FIRST,
    attach_people,
    build_cards,
    card_values,
)
from newsdesk.content.services.pagecounts import (
    ALL,
    day_of,
    day_start,
    edition_key,
    list_filter,
    month_of,
)
from newsdesk.content.services.pages import (
    StoryPage,
    days_between,
    locate_page,
    months_before,
    oldest_day_needed,
    page_of,
    page_size,
    parse_page_number,
)
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.translations import edition_scope
from newsdesk.content.services.visibility import live_stories, with_listing_relations

KINDS = (ALL, "edition", "section", "tag", "author")
# Lists a story index reads newest first (all stories, a section's): their first page is
# that index's first rows, with no day window to find (two queries fewer). Tag and author
# lists come through a link table, which no index reads in date order.
READ_BY_DATE = (ALL, "edition", "section")


@dataclass(frozen=True)
class StoryFilters:
    """The one builder of the conditions readers and API clients put on a list of stories
    (the content API's story list, search). A section, tag, author or source is named by
    its object or by its slug; times bound publication: `published_from` inclusive,
    `published_after` and `published_before` exclusive; `edition` is an edition's code."""

    edition: str | None = None
    section: models.Model | str | None = None
    tag: models.Model | str | None = None
    author: models.Model | str | None = None
    source: models.Model | str | None = None
    language: str | None = None
    published_from: datetime | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None

    # Filter name → the story's relation it narrows by.
    RELATIONS = {"section": "section", "tag": "tags", "author": "bylines", "source": "sources"}

    def apply(self, stories: QuerySet[Story]) -> QuerySet[Story]:
        for name, relation in self.RELATIONS.items():
            value = getattr(self, name)
            if isinstance(value, str) and value:
                stories = stories.filter(**{f"{relation}__slug": value})
            elif value is not None and not isinstance(value, str):
                stories = stories.filter(**{relation: value})
        if self.edition:
            stories = stories.filter(edition=self.edition)
        if self.language:
            stories = stories.filter(language=self.language)
        if self.published_from:
            stories = stories.filter(published_at__gte=self.published_from)
        if self.published_after:
            stories = stories.filter(published_at__gt=self.published_after)
        if self.published_before:
            stories = stories.filter(published_at__lt=self.published_before)
        return stories


def _list(kind: str, now, ident) -> QuerySet[Story]:
    return list_filter(live_stories(now), kind if kind == ALL else f"{kind}:{ident}")


def _window(kind, now, ident, upper, lower, skip, size):
    # The page's days come first in the WHERE clause: SQLite starts its index range from the
    # first upper bound on the date it sees, and from the list's own "published by now" it
    # walked every newer story down to the page (2 ms at page 1,900 of 20,000).
    window = Story.objects.all()
    if upper is not None:
        window = window.filter(published_at__lt=upper)
    if lower is not None:
        window = window.filter(published_at__gte=lower)
    rows = (window & _list(kind, now, ident)).order_by(*NEWEST_FIRST)
    return rows.values_list("pk")[skip : skip + size]


# Today's stories of a list, counted live (a handful, by index), and its past ones from the
# counts: earlier months' totals, and this month's days before today (a deep page need not
# read those days one by one), in one trip.
_counts = {
    kind: Prepared(
        lambda now, since, ident, key, month, today, kind=kind: (
            _list(kind, now, ident).filter(published_at__gte=since).order_by().values_list("pk"),
            months_before(key, month).order_by().values_list("stories"),
            days_between(key, month, today).order_by().values_list("stories"),
        ),
        wrap="SELECT (SELECT COUNT(*) FROM ({0}) AS fresh),"
        " (SELECT COALESCE(SUM(stories), 0) FROM ({1}) AS past_months),"
        " (SELECT COALESCE(SUM(stories), 0) FROM ({2}) AS past_days)",
    )
    for kind in KINDS
}


def _page(kind, now, **window):
    # The page's ids first, from the index alone (the rows skipped are never read), as a
    # subquery: then the cards of those ids, in the same trip.
    ids = _window(kind, now, **window)
    return card_values(live_stories(now).filter(pk__in=ids).order_by(*NEWEST_FIRST))


_pages = {kind: Prepared(lambda kind=kind, **values: _page(kind, **values)) for kind in KINDS}


def _kind_and_ident(list_key: str) -> tuple[str, object]:
    """A list key's kind and what names its list: an edition's code, an id, or None."""
    kind, _, ident = list_key.partition(":")
    return kind, ident if kind == "edition" else int(ident) if ident else None


@cache
def _newest_rows(kind: str, fields: tuple) -> tuple[Prepared, type]:
    """The newest stories of a list of `kind`, as rows of `fields` (published on or after
    `since`, when given), and the named tuple they are read into."""

    def newest(now, ident, since, n):
        stories = _list(kind, now, ident)
        if since is not None:
            stories = stories.filter(published_at__gte=since)
        return stories.order_by(*NEWEST_FIRST).values_list(*fields)[:n]

    return Prepared(newest), namedtuple("Row", fields)


def story_list_page(list_key: str, number, per_page: int | None = None, now=None) -> StoryPage:
    """Page `number` (1 = newest) of the live list `list_key`: its items are cards (see
    cards.py). Raises PageNotFound for a number that is not a page of the list."""
    number = parse_page_number(number)
    per_page = per_page or page_size()
    now = now or timezone.now()
    kind, ident = _kind_and_ident(list_key)
    today = day_of(now)
    ((fresh, earlier, this_month),) = _counts[kind].rows(
        now=now,
        since=day_start(today),
        ident=ident,
        key=list_key,
        month=month_of(today),
        today=today,
    )
    first_of_indexed = number == 1 and kind in READ_BY_DATE
    place = locate_page(
        list_key,
        number,
        per_page,
        today,
        fresh,
        earlier + this_month,
        not first_of_indexed,
        this_month_past=this_month,
    )
    rows = _pages[kind].rows(
        now=now,
        ident=ident,
        upper=place.upper,
        lower=place.lower,
        skip=Limit(place.skip),
        size=Limit(per_page),
    )
    items = build_cards(rows)
    attach_people(items)
    return StoryPage(number=number, num_pages=place.num_pages, items=items)


class StoryList:
    """One of the readers' story lists, newest first: the whole site ("all"), a section's,
    a tag's or an author's, named by its key ("section:7", see pagecounts). Every page and
    document that lists stories (the archive, section, tag and author pages, the feeds)
    asks it the same four questions, so they all show the same stories in the same order
    under the one visibility rule."""

    def __init__(self, list_key: str = ALL):
        kind, _, ident = list_key.partition(":")
        if kind not in KINDS:
            raise ValueError(f"Unknown story list {list_key!r}")
        self.key = list_key
        self.kind = kind

    @classmethod
    def everything(cls) -> "StoryList":
        return cls(ALL)

    @classmethod
    def of_edition(cls, code: str) -> "StoryList":
        """An edition's stories: the whole site's on a site of one edition."""
        scope = edition_scope(code)
        return cls(ALL if scope is None else edition_key(scope))

    def stories(self, now=None) -> QuerySet[Story]:
        """The live stories of the list, newest first."""
        return list_filter(live_stories(now), self.key).order_by(*NEWEST_FIRST)

    def page(self, number, per_page: int | None = None, now=None) -> StoryPage:
        """Page `number` (1 = newest) as cards; PageNotFound when it is not a page."""
        return story_list_page(self.key, number, per_page, now)

    def newest(self, size: int, now=None, fields: tuple = ()) -> list:
        """The newest `size` stories with their section, picture, bylines and tags read;
        or, given `fields`, just those of each (a named row), which is all a feed needs.

        A tag's or author's stories come through a link table, which no index reads in
        date order: "newest first, LIMIT n" would read and sort every one of them. Their
        day counts bound the read to the days the newest `size` span."""
        now = now or timezone.now()
        if fields:
            return self._newest_rows(size, now, tuple(fields))
        stories = with_listing_relations(self.stories(now)).prefetch_related("tags")
        if self.kind not in READ_BY_DATE and (oldest := oldest_day_needed(self.key, size, now)):
            found = list(stories.filter(published_at__gte=day_start(oldest))[:size])
            if len(found) == size:
                return found
            # Fewer: the counts are out of date (writes that skipped them): right beats fast.
        return list(stories[:size])

    def _newest_rows(self, size: int, now, fields: tuple) -> list:
        # As newest() reads stories, by a prepared query (a feed's whole read).
        read, row = _newest_rows(self.kind, fields)
        _, ident = _kind_and_ident(self.key)
        if self.kind not in READ_BY_DATE and (oldest := oldest_day_needed(self.key, size, now)):
            found = read.rows(now=now, ident=ident, since=day_start(oldest), n=Limit(size))
            if len(found) == size:
                return [row._make(values) for values in found]
        found = read.rows(now=now, ident=ident, since=None, n=Limit(size))
        return [row._make(values) for values in found]

    def count(self, now=None) -> int:
        return self.stories(now).count()

    def page_of(self, story: Story, per_page: int | None = None, now=None) -> int:
        """The page the story falls on (or would, were it in the list now)."""
        return page_of(self.key, story.published_at, story.pk, per_page, now)
