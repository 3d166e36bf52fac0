"""The interface every search engine implements (after wagtail/search/backends/base.py).

An engine owns its index (schema, re-indexing, rebuild) and turns a parsed Query into
conditions on a Story queryset. Which stories may be seen, and the filters, stay with the
caller: the engine only narrows and orders the queryset it is given. The engine in use is
named by the NEWSDESK_SEARCH_BACKEND setting (newsdesk/search/backends/__init__.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsdesk.search.query import Query

# Highlight delimiters the engines put around matched words; indexed text never contains
# them (control characters are folded away), so they can be turned into <mark> after
# the snippet is HTML-escaped.
MARK_START, MARK_END = "\x02", "\x03"
# Column weights: the headline counts more than the standfirst, the standfirst more than
# the body. "About" (the section, tags, bylines and sources) counts below the headline: a
# reader searching a section's word finds its stories, led by those that say it.
HEADLINE_WEIGHT, STANDFIRST_WEIGHT, BODY_WEIGHT, ABOUT_WEIGHT = 10.0, 4.0, 1.0, 3.0


@dataclass
class Highlight:
    """Engine text of the indexed (folded) copy, matches between MARK_START/MARK_END."""

    headline: str
    snippet: str


@dataclass
class MatchCount:
    total: int
    exact: bool = True


def unmarked(text: str) -> str:
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")


def marked_html(text: str) -> SafeString:
    """Engine output with MARK_START/MARK_END → escaped HTML with <mark> around matches."""
    html = escape(text or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


class SearchBackend:
    """What the search service, the desk and the change pipeline call."""

    vendor = ""  # the database engine this backend runs on (connection.vendor)

    def install(self, connection) -> None:
        """Create the index (empty); safe to run again. It is written from Python: the
        change pipeline re-indexes each changed story (search/indexing.py), `rebuild`
        repairs whatever bypassed it."""
        raise NotImplementedError

    def uninstall(self, connection) -> None:
        raise NotImplementedError

    def filter(self, queryset: QuerySet, query: Query, *, prefix: bool = False) -> QuerySet:
        """`queryset` narrowed to stories matching `query`, annotated with `search_rank`.
        With `prefix`, the last word also matches longer words (typing ahead)."""
        raise NotImplementedError

    def count(self, stories: QuerySet, query: Query) -> MatchCount:
        """How many of `stories` (visible, filtered) match `query`; an estimate may do
        when there are many."""
        raise NotImplementedError

    def ranked_ids(
        self, stories: QuerySet, query: Query, stop: int, *, prefix: bool = False
    ) -> list[int]:
        """Ids of the first `stop` of `stories` matching `query` (as `filter(…, query,
        prefix=…)` matches them), best first."""
        raise NotImplementedError

    def dated_ids(self, stories: QuerySet, query: Query, stop: int) -> list[int]:
        """Ids of the `stop` most recently published of `stories` matching `query`."""
        raise NotImplementedError

    def newest_ids(self, query: Query, limit: int, *, prefix: bool = False) -> list[int]:
        """Ids of up to `limit` indexed stories matching `query`, whatever their status,
        highest first."""
        raise NotImplementedError

    def highlights(self, query: Query, stories: Iterable) -> dict[int, Highlight]:
        """Headline and a body snippet with the matched words marked, for one page's
        stories (loaded already: an engine that needs their text takes it from them)."""
        raise NotImplementedError

    def reindex(self, story_ids: Iterable[int]) -> None:
        """Bring the index entries of these stories up to date (idempotent); a story that
        no longer exists leaves the index."""
        raise NotImplementedError

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index, `progress(done, total)` after each batch; returns the
        number of stories indexed. Readers keep the old index until the new one is whole."""
        raise NotImplementedError
