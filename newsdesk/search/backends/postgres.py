"""PostgreSQL full text on django.contrib.postgres: a stored SearchVectorField per story
under a GIN index (search/models.py), written from Python (backends/postgres_index.py: the
change pipeline re-indexes each changed story after commit; `search-rebuild` repairs),
queried with SearchQuery, ranked with a weighted SearchRank (cover density), highlighted
with ts_headline.

Text is prepared in Python (backends/documents.py) exactly as for SQLite: HTML to text by
the one extraction, Persian/Arabic folding by the one `fold`. The text search
configuration `newsdesk_search` is English (stemming, stop words) with `unaccent` in front
of the stemmer, so diacritics are folded; words in other scripts are found by the default
parser's Unicode word rules.
"""

# SQL here is assembled from this module's constants (table and config names) and from
# SQL Django compiles; everything a user typed is passed as a parameter.
# ruff: noqa: S608

import math
import operator
from collections.abc import Callable, Iterable
from functools import cache, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection as default_connection
from django.db.models import F, QuerySet

from newsdesk.content.models import Story
from newsdesk.search.backends import database, postgres_index
from newsdesk.search.backends.base import (
    ABOUT_WEIGHT,
    BODY_WEIGHT,
    HEADLINE_WEIGHT,
    MARK_END,
    MARK_START,
    STANDFIRST_WEIGHT,
    Highlight,
    MatchCount,
)
from newsdesk.search.backends.database import IndexTableBackend, round_estimate
from newsdesk.search.backends.documents import index_html, index_text
from newsdesk.search.backends.postgres_index import CONFIG, TABLE, compiled_sql
from newsdesk.search.backends.postgres_slices import Slices, id_array, index_bounds
from newsdesk.search.backends.snippet_window import MAX_WORDS, body_window
from newsdesk.search.query import Query, Term

# SearchRank's weights for D, C, B, A: body, about, standfirst, headline (see
# postgres_index.document_vector), in the proportions of the SQLite engine's bm25 weights.
RANK_WEIGHTS = [w / HEADLINE_WEIGHT for w in (BODY_WEIGHT, ABOUT_WEIGHT, STANDFIRST_WEIGHT)] + [1.0]
# Newest matches ranked before older ones (see ranked_ids), and the matches a count's
# sample is sized to hold (see count): each is a visit to an index row and a story row.
RANK_WINDOW = 200
COUNT_SAMPLE = 100
STORY_TABLE = Story._meta.db_table
# Below this share of matches visible and filtered (the count's), the window's stories
# are checked first and only those that pass are ranked (see _ranked_passing).
FEW_PASS = 0.5
# A window that holds too few matches passing the filters widens to hold enough at the
# share that passed, with this much room, and at most this many times (see _wider).
WIDEN_MARGIN = 1.3
WIDEN_MOST = 4
# ts_headline's options: the matched words marked, and a snippet of up to two fragments.
MARKS = f"StartSel={MARK_START}, StopSel={MARK_END}"
SNIPPET = f'{MARKS}, MaxWords={MAX_WORDS}, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'


def _term(term: Term, prefix: bool) -> SearchQuery:
    """One term. Word pieces hold only letters and digits, so even a raw tsquery made of
    them has no operator a reader wrote."""
    if prefix:
        return SearchQuery(" <-> ".join(term.words) + ":*", search_type="raw", config=CONFIG)
    kind = "phrase" if term.is_phrase else "plain"
    return SearchQuery(" ".join(term.words), search_type=kind, config=CONFIG)


def search_query(query: Query, prefix: bool = False) -> SearchQuery:
    """`query` as one SearchQuery: AND over groups, OR within a group, NOT for exclusions;
    with `prefix` the last word typed also matches longer words."""
    last_group = len(query.groups) - 1
    groups = [
        reduce(
            operator.or_,
            [
                _term(term, prefix and index == last_group and position == len(group) - 1)
                for position, term in enumerate(group)
            ],
        )
        for index, group in enumerate(query.groups)
    ]
    groups += [~_term(term, False) for term in query.excluded]
    return reduce(operator.and_, groups)


def _wider(window: int, passed: int, stop: int) -> int:
    """The next window, when only `passed` of `window` newest matches passed the filters
    and `stop` are wanted: wide enough to hold them if the next matches pass as often
    (with WIDEN_MARGIN of room), no more than WIDEN_MOST times as wide (a share from a
    few matches is a rough guess) and no less than half as wide again."""
    wanted = window * WIDEN_MOST
    if passed:
        wanted = min(wanted, max(window * 3 // 2, math.ceil(window * stop / passed * WIDEN_MARGIN)))
    return min(database.RANK_WINDOW, wanted)


class PostgresBackend(IndexTableBackend):
    vendor = "postgresql"
    table = TABLE
    id_column = "story_id"

    def install(self, connection=None) -> None:
        postgres_index.install(connection)

    def uninstall(self, connection=None) -> None:
        postgres_index.uninstall(connection)

    def reindex(self, story_ids: Iterable[int]) -> None:
        postgres_index.reindex(story_ids)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        return postgres_index.rebuild(progress)

    def filter(self, queryset, query: Query, *, prefix: bool = False):
        wanted = search_query(query, prefix)
        document = F("search_document__document")
        return queryset.filter(search_document__document=wanted).annotate(
            search_rank=SearchRank(document, wanted, weights=RANK_WEIGHTS, cover_density=True)
        )

    def by_relevance(self, queryset):
        return queryset.order_by("-search_rank", F("published_at").desc(nulls_last=True), "-id")

    def match_condition(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        sql, params = self._tsquery(query, prefix)
        return f"{TABLE}.document @@ ({sql})", params

    def _tsquery(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        """The SQL of `search_query(query, prefix)`."""
        return self._compiled_once("tsquery", query, prefix, lambda wanted: wanted)

    def _rank(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        """The SQL of the query's weighted rank of an index row."""
        return self._compiled_once(
            "rank",
            query,
            prefix,
            lambda wanted: SearchRank(
                F("document"), wanted, weights=RANK_WEIGHTS, cover_density=True
            ),
        )

    def _compiled_once(self, kind: str, query: Query, prefix: bool, expression) -> tuple:
        """The SQL of `expression(search_query(query, prefix))`, and its parameters: asked
        for several times in a search, compiled once."""
        memo = self.__dict__.setdefault("_compiled_memo", {})
        key = (kind, tuple(map(tuple, query.groups)), tuple(query.excluded), prefix)
        if key not in memo:
            memo[key] = compiled_sql(expression(search_query(query, prefix)))
        return memo[key]

    @staticmethod
    def _window() -> int:
        """The first window of newest matches ranked (see ranked_ids)."""
        return min(database.RANK_WINDOW, RANK_WINDOW)

    def newest_ids(self, query: Query, limit: int, *, prefix: bool = False) -> list[int]:
        found = self._slices(query, prefix)
        return found.newest(limit) if found else []

    def _slices(self, query: Query, prefix: bool = False) -> Slices | None:
        """The query's matches read so far, newest first (postgres_slices.py); one per
        query and backend, that is per search."""
        match, params = self.match_condition(query, prefix)
        memo = self.__dict__.setdefault("_slices_memo", {})
        key = (match, tuple(params))
        if key not in memo:
            if "_bounds" not in self.__dict__:
                self._bounds = index_bounds(TABLE)
            memo[key] = Slices(TABLE, match, params, *self._bounds) if self._bounds else None
        return memo[key]

    def ranked_ids(self, stories, query: Query, stop: int, *, prefix: bool = False) -> list[int]:
        """As IndexTableBackend.ranked_ids, over a narrower window of newest matches:
        ranking reads each window match's vector row and story row. When filters leave
        less than a page of the window, it widens (`_wider`, up to IndexTableBackend's
        window) before older matches are ranked among themselves. The ranked queryset of
        matches is only built for the cases the window's own statement does not cover."""
        matches = cache(lambda: self.filter(stories, query, prefix=prefix))
        window = self._window()
        while True:
            newest = self.newest_ids(query, window, prefix=prefix)
            if not newest:
                # No match at all. Asked anyway, the planner could walk the story table
                # looking for one (12 ms at a million stories).
                return []
            if len(newest) < window:  # every match is in the window: ranked exactly
                slices = self._slices(query, prefix)
                if slices.ranked is not None:  # by the count already
                    return slices.ranked[:stop]
                return self.best_in_window(matches, query, newest, stop, prefix=prefix)
            found = self.best_in_window(matches, query, newest, stop, prefix=prefix)
            if len(found) >= stop or window >= database.RANK_WINDOW:
                break
            if len(found) == len(newest):  # nothing filtered out: no wider window
                break
            window = _wider(window, len(found), stop)
        if len(found) < stop:
            found += self.best(self.before_window(matches(), newest), stop - len(found))
        return found

    def best_in_window(
        self,
        matches: Callable[[], QuerySet],
        query: Query,
        newest: list[int],
        stop: int,
        *,
        prefix: bool = False,
    ) -> list[int]:
        """The first `stop` of the matches (`matches()`, the ranked queryset) among the
        `newest` ids, best first, as `best(in_window(…))` orders them. The window is ranked
        on the index table alone, and the story table (visibility, filters, dates for equal
        ranks) is read in rank order until `stop` have passed: PostgreSQL sorts the joined
        rows a rank at a time (an incremental sort) and stops at the limit, where a window
        of 200 matches had its 200 story rows read to fill a page of 10. When the count
        found that filters leave few, the story table is read first."""
        slices = self._slices(query, prefix)
        if slices is None or slices.passes is None:  # no count ran
            return self.best(self.in_window(matches(), newest), stop)
        few = slices.passing is not None and slices.passing < FEW_PASS
        return self._ranked_passing(query, prefix, newest, slices.passes, stop, few=few)

    def _ranked_passing(
        self,
        query: Query,
        prefix: bool,
        ids: list[int],
        passes: tuple,
        limit: int | None,
        *,
        few: bool = False,
    ) -> list[int]:
        """Those of `ids` that pass `passes` (the count's check), best first, up to
        `limit`. All are ranked, and checked in rank order until `limit` have passed; or,
        when `few` pass, all are checked and only those that pass are ranked."""
        rank, rank_params = self._rank(query, prefix)
        passes_sql, params = passes
        # The ids take the index table's name where `passes` checks them: it was written
        # for the index table's rows.
        if few:
            sql = (
                f"WITH passing AS MATERIALIZED (SELECT story_id FROM unnest(%s::bigint[]) "
                f"AS {TABLE}(story_id) WHERE {passes_sql}) "
                f"SELECT {TABLE}.story_id FROM passing "
                f"JOIN {TABLE} ON {TABLE}.story_id = passing.story_id "
                f"JOIN {STORY_TABLE} story ON story.id = passing.story_id "
                f"ORDER BY {rank} DESC, story.published_at DESC NULLS LAST, "
                f"{TABLE}.story_id DESC LIMIT %s"
            )
            sql_params = [id_array(ids), *params, *rank_params, limit]
        else:
            sql = (
                f"SELECT {TABLE}.story_id FROM (SELECT story_id, {rank} FROM {TABLE} "
                "WHERE story_id = ANY(%s::bigint[]) ORDER BY 2 DESC) "
                f"AS {TABLE}(story_id, rank) "
                f"JOIN {STORY_TABLE} story ON story.id = {TABLE}.story_id WHERE {passes_sql} "
                f"ORDER BY {TABLE}.rank DESC, story.published_at DESC NULLS LAST, "
                f"{TABLE}.story_id DESC LIMIT %s"
            )
            sql_params = [*rank_params, id_array(ids), *params, limit]
        with default_connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            return [row[0] for row in cursor.fetchall()]

    def count(self, stories, query: Query) -> MatchCount:
        """How many of `stories` (visible, filtered) match `query`.

        Small sets are counted exactly, as in IndexTableBackend.count (every match is
        read newest first, a slice at a time). Past EXACT_COUNT_LIMIT matches the count
        is an estimate from a sample spread over the archive (Slices.sample): about
        COUNT_SAMPLE matches, each checked against `stories`, scaled up by the share of
        the archive the sample covers. The newest matches read for the ranking window
        tell how wide the sample's ranges must be."""
        found = self._slices(query)
        if found is None:
            return MatchCount(0)
        limit = database.EXACT_COUNT_LIMIT
        wanted = min(limit, RANK_WINDOW) + 1
        passes, passes_params = self._story_passes(stories, f"{TABLE}.story_id")
        found.passes = (passes, passes_params)
        size = min(database.COUNT_SAMPLE, COUNT_SAMPLE)
        sample = None
        found.start(wanted)
        if len(found.ids) < wanted and not found.complete and found.expected() > 2 * limit:
            # Too many to count: the window's next slice and the sample in one statement.
            sample = found.newest_and_sample(wanted, passes, passes_params, size)
        found.newest(wanted)
        if not found.complete and found.expected() <= 2 * limit:
            found.newest(limit + 1)
        if found.complete:
            if len(found.ids) < self._window():
                # Few enough to rank them all, as ranked_ids will: counted as they are
                # ranked, the story table read once.
                found.ranked = self._ranked_passing(query, False, found.ids, found.passes, None)
                counted = len(found.ranked)
            else:
                counted = self.count_among(stories, found.ids)
            found.passing = counted / max(1, len(found.ids))
            if len(found.ids) <= limit:
                return MatchCount(counted)
            return MatchCount(round_estimate(counted), exact=False)
        sampled, passed, covered = sample or found.sample(passes, passes_params, size)
        found.passing = passed / max(1, sampled)
        return MatchCount(round_estimate(round(passed / covered)), exact=False)

    def in_window(self, matches, newest: list[int]):
        # The ids themselves: a range would have the planner AND the text index's bitmap
        # with a bitmap of every story id in the range.
        return matches.extra(where=[f"{TABLE}.story_id = ANY(%s)"], params=[newest])  # noqa: S610

    def before_window(self, matches, newest: list[int]):
        # "+ 0": no bitmap of every older story id to AND with the text index's (above).
        where = f"{TABLE}.story_id + 0 < %s"
        return matches.extra(where=[where], params=[newest[-1]])  # noqa: S610

    def highlights(self, query: Query, stories: Iterable) -> dict[int, Highlight]:
        stories = list(stories)
        if not stories or query.is_empty:
            return {}
        # The page's stories are loaded already: their text is prepared here, as for the
        # index, rather than read again.
        found_ids = [story.pk for story in stories]
        headlines = [index_text(story.headline) for story in stories]
        standfirsts = [index_text(story.standfirst) for story in stories]
        # Only the stretch of each body a snippet can come from (snippet_window.py).
        bodies = [body_window(index_html(story.body), query) for story in stories]
        tsquery, params = self._tsquery(query)
        # The standfirst's snippet is only made for a story whose body holds no match
        # (MATERIALIZED: each body's snippet is made once, not again for the test).
        with default_connection.cursor() as cursor:
            cursor.execute(
                "WITH found AS MATERIALIZED ("
                f"SELECT t.id, t.s, q.q, ts_headline('{CONFIG}', t.h, q.q, %s) AS h, "
                f"ts_headline('{CONFIG}', t.b, q.q, %s) AS b "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS t(id, h, b, s), "
                f"(SELECT {tsquery} AS q) AS q) "
                "SELECT id, h, CASE WHEN strpos(b, %s) > 0 THEN b "
                f"ELSE ts_headline('{CONFIG}', s, q, %s) END FROM found",
                [
                    f"{MARKS}, HighlightAll=true",
                    SNIPPET,
                    *[found_ids, headlines, bodies, standfirsts],
                    *params,
                    MARK_START,
                    SNIPPET,
                ],
            )
            rows = cursor.fetchall()
        found = {}
        for pk, headline, text in rows:
            found[pk] = Highlight(headline or "", text or "")
        return found
