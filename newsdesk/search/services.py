"""Searching stories: the one entry point for the public page, the desk and the API.

The set of stories a user may see comes from newsdesk.content.services.visibility; the
backend only narrows and ranks it, and the filters are plain ORM conditions.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.html import escape

from newsdesk.content.models import Person, Section, Source, Story
from newsdesk.content.services.cards import attach_people, build_cards, card_values, padded
from newsdesk.content.services.lists import StoryFilters
from newsdesk.content.services.pages import StoryPage, page_size, parse_page_number
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.visibility import live_stories, visible_stories
from newsdesk.search.backends import backend_for
from newsdesk.search.backends.base import marked_html, unmarked
from newsdesk.search.query import Query, parse_query

SORT_RELEVANCE, SORT_DATE = "relevance", "date"
SUGGESTION_COUNT = 8
# The deepest result a reader can page to when the count is an estimate.
RESULT_WINDOW = 1000


@dataclass
class SearchFilters:
    section: Section | None = None
    author: Person | None = None
    source: Source | None = None
    date_from: date | None = None
    date_to: date | None = None
    # Readers search their edition's stories (None: every edition's, as the desk does).
    edition: str | None = None

    def apply(self, queryset):
        # Whole days in the site's time zone, the same days the date bar shows.
        return StoryFilters(
            edition=self.edition,
            section=self.section,
            author=self.author,
            source=self.source,
            published_from=_start_of(self.date_from) if self.date_from else None,
            published_before=_start_of(self.date_to + timedelta(1)) if self.date_to else None,
        ).apply(queryset)


@dataclass
class SearchResults:
    query: Query
    page: StoryPage
    total: int = 0
    stories: list = field(default_factory=list)
    # `total` is an estimate ("about 3,800 results"): see SearchBackend.count.
    estimated: bool = False


class PageOutOfRange(Exception):
    """The page number is not a page of these results."""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(
    text,
    *,
    filters: SearchFilters | None = None,
    sort: str = SORT_RELEVANCE,
    page=1,
    user=None,
    include_drafts: bool = False,
    per_page: int | None = None,
) -> SearchResults:
    """One page of stories matching `text`. Readers search live stories; with
    `include_drafts` (staff only) every story not in the trash is searched.
    Each story on the page carries `search_headline` and `search_snippet` (safe HTML)."""
    query = parse_query(text)
    number = parse_page_number(page)
    if query.is_empty:
        return SearchResults(query=query, page=StoryPage(number=1, num_pages=1))
    stories = visible_stories(user) if include_drafts else live_stories()
    stories = (filters or SearchFilters()).apply(stories)
    backend = backend_for()
    per_page = per_page or page_size()
    counted = backend.count(stories, query)
    num_pages = max(1, -(-counted.total // per_page))
    if not counted.exact:
        num_pages = min(num_pages, window_pages(per_page))
    if number > num_pages and (counted.exact or number > window_pages(per_page)):
        raise PageOutOfRange(number)
    start = (number - 1) * per_page
    # One story past the page says for certain whether there is a next page, whatever
    # an estimated count suggests.
    stop = start + per_page + 1
    if sort == SORT_DATE:
        ids = backend.dated_ids(stories, query, stop)[start:]
    else:
        ids = backend.ranked_ids(stories, query, stop)[start:]
    page_ids, more = ids[:per_page], len(ids) > per_page
    total, exact = counted.total, counted.exact
    if not exact:
        if not page_ids and number > 1:
            raise PageOutOfRange(number)
        if more:
            total = max(total, stop)
            num_pages = min(max(num_pages, number + 1), window_pages(per_page))
        else:  # the last match is on this page: now the count is exact
            total, exact, num_pages = start + len(page_ids), True, number
    loaded = {story.pk: story for story in _cards(page_ids)}
    items = [loaded[pk] for pk in page_ids if pk in loaded]
    highlights = backend.highlights(query, items)
    for story in items:
        found = highlights.get(story.pk)
        story.search_headline = _headline_html(story.headline, found.headline if found else "")
        story.search_snippet = marked_html(found.snippet) if found else ""
    page_obj = StoryPage(number=number, num_pages=num_pages, items=items)
    return SearchResults(
        query=query, page=page_obj, total=total, stories=items, estimated=not exact
    )


# A page's stories as cards (section, picture, bylined people), by queries compiled once.
_card_rows = Prepared(lambda ids: card_values(Story.objects.filter(pk__in=ids)))


def _cards(ids: list[int]) -> list[Story]:
    if not ids:
        return []
    cards = build_cards(_card_rows.rows(ids=padded(ids)))
    attach_people(cards)
    return cards


def window_pages(per_page: int) -> int:
    """Pages a reader can reach when the count is an estimate, as on web search: past
    RESULT_WINDOW results readers refine the query rather than page on, and each page
    deeper costs more to find."""
    return max(1, RESULT_WINDOW // per_page)


def _headline_html(headline: str, marked: str):
    """The highlighted headline, when the index's copy reads the same as the original;
    folding (Arabic vowel marks, letter forms) changes the text, and readers should see
    the headline as written, so then it is shown unmarked."""
    if marked and unmarked(marked) == headline:
        return marked_html(marked)
    return escape(headline)


def suggest(text, limit: int = SUGGESTION_COUNT) -> list:
    """Live stories for the words typed so far, the last word matched as a prefix."""
    query = parse_query(text)
    if query.is_empty:
        return []
    backend = backend_for()
    ids = backend.ranked_ids(live_stories(), query, limit, prefix=True)
    found = Story.objects.only("id", "slug", "headline").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
