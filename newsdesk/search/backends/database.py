"""What the database engines share: an index table keyed by story id, searched through
`match_condition`, with the windows and samples that keep common words fast at a million
stories (ranking the newest matches first, estimating large counts).
"""

# SQL here is assembled from class constants and conditions the backends build; whatever a
# user typed is passed as a parameter.
# ruff: noqa: S608

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from newsdesk.content.models import Byline, Person, Section, Source, Story, Tag
from newsdesk.search.backends.base import MatchCount, SearchBackend
from newsdesk.search.query import Query


def about_sql(story: str, aggregate: str) -> str:
    """SQL for the names a story is filed under (section, tags, bylines, sources), space
    separated; `story` is the story table's alias, `aggregate` the engine's string
    aggregate with "{}" for its argument (group_concat / string_agg)."""
    section = Section._meta.db_table
    joins = [
        (Tag._meta.db_table, Story.tags.through._meta.db_table, "tag_id"),
        (Person._meta.db_table, Byline._meta.db_table, "person_id"),
        (Source._meta.db_table, Story.sources.through._meta.db_table, "source_id"),
    ]
    parts = [f"coalesce((SELECT n.name FROM {section} n WHERE n.id = {story}.section_id), '')"]
    for names, links, column in joins:
        parts.append(
            f"coalesce((SELECT {aggregate.format('n.name')} FROM {names} n JOIN {links} k "
            f"ON k.{column} = n.id WHERE k.story_id = {story}.id), '')"
        )
    return " || ' ' || ".join(parts)


REBUILD_BATCH = 2000
# Up to this many indexed matches the visible, filtered matches are counted one by one;
# past it they are estimated from a sample of about COUNT_SAMPLE of them (see `count`).
EXACT_COUNT_LIMIT = 1000
COUNT_SAMPLE = 200
# Matches ranked exactly before the newest-first shortcut applies (see ranked_ids).
RANK_WINDOW = 1000
# Newest first; stories never published last.
DATE_ORDER = (F("published_at").desc(nulls_last=True), "-id")


def round_estimate(number: int) -> int:
    """Two significant figures: an estimate should not read as an exact count."""
    return round(number, 2 - len(str(number))) if number >= 100 else number


class IndexTableBackend(SearchBackend):
    table = ""  # the engine's index table
    id_column = ""  # its column holding the story id

    def by_relevance(self, queryset: QuerySet) -> QuerySet:
        """Best match first; recent stories break ties."""
        raise NotImplementedError

    def ranked_ids(
        self, stories: QuerySet, query: Query, stop: int, *, prefix: bool = False
    ) -> list[int]:
        """Ids of the first `stop` of `stories` matching `query`, best first.

        Relevance shortcut for common words: ranking costs microseconds per match, half
        a second for a word in 150,000 stories. So when more than RANK_WINDOW stories
        match, the newest RANK_WINDOW of them (highest ids: ids are given as stories are
        filed) are ranked and come first; older matches follow, ranked among themselves,
        and are only ranked when a reader pages (or filters) past the newest ones. Below
        RANK_WINDOW matches the ranking is exact."""
        matches = self.filter(stories, query, prefix=prefix)
        newest = self.newest_ids(query, RANK_WINDOW, prefix=prefix)
        if len(newest) < RANK_WINDOW:
            return self.best(matches, stop)
        found = self.best(self.in_window(matches, newest), stop)
        if len(found) < stop:
            found += self.best(self.before_window(matches, newest), stop - len(found))
        return found

    def in_window(self, matches: QuerySet, newest: list[int]) -> QuerySet:
        """`matches` among the `newest` (from newest_ids, highest first)."""
        column = f"{self.table}.{self.id_column}"
        return matches.extra(where=[f"{column} >= %s"], params=[newest[-1]])  # noqa: S610

    def before_window(self, matches: QuerySet, newest: list[int]) -> QuerySet:
        """`matches` older than the `newest`."""
        column = f"{self.table}.{self.id_column}"
        return matches.extra(where=[f"{column} < %s"], params=[newest[-1]])  # noqa: S610

    def best(self, matches: QuerySet, stop: int) -> list[int]:
        """Ids of the first `stop` of `matches`, best first."""
        return list(self.by_relevance(matches).values_list("id", flat=True)[:stop])

    def dated_ids(self, stories: QuerySet, query: Query, stop: int) -> list[int]:
        """Ids of the `stop` most recently published of `stories` matching `query`.

        Few matches are known by id already and sorted as they are. Many are walked in
        the order of the story table's date index, each checked against the set of
        matches, until the page is full: a common word fills it within a few hundred
        stories, where sorting every match would read each one. (The order has no
        third key such as updated_at: the index could not give it.)"""
        newest = self.newest_ids(query, EXACT_COUNT_LIMIT + 1)
        if len(newest) <= EXACT_COUNT_LIMIT:
            return self.dated_among(stories, newest)[:stop]
        match, params = self.match_condition(query)
        ids = RawSQL(f"SELECT {self.id_column} FROM {self.table} WHERE {match}", params)  # noqa: S611
        ordered = stories.filter(pk__in=ids).order_by(*DATE_ORDER)
        return list(ordered.values_list("id", flat=True)[:stop])

    def dated_among(self, stories: QuerySet, ids: list[int]) -> list[int]:
        """The stories with these ids that are in `stories`, newest first."""
        return list(stories.filter(pk__in=ids).order_by(*DATE_ORDER).values_list("id", flat=True))

    def count(self, stories: QuerySet, query: Query) -> MatchCount:
        """How many of `stories` (visible, filtered) match `query`.

        Counting the matches a reader may see means checking each one against the story
        table (visibility, filters); for a common word at a million stories that check
        costs more than finding and ranking the page. So only small sets are counted
        exactly; larger ones are the index's own count of the word (all stories, no
        story table) scaled by the share of a sample that passes the checks: every k-th
        story id, spread over the whole archive, so date filters are sampled fairly."""
        newest = self.newest_ids(query, EXACT_COUNT_LIMIT + 1)
        if len(newest) <= EXACT_COUNT_LIMIT:
            # Every match is known: check them by primary key, no second text search.
            return MatchCount(self.count_among(stories, newest))
        # Every k-th match is checked, k chosen from how densely the newest matches lie
        # so that about COUNT_SAMPLE are.
        every = max(1, self.expected_matches(query) // COUNT_SAMPLE)
        indexed, sampled, passed = self.count_and_sample(stories, query, every)
        if not sampled:
            return MatchCount(self.count_among(stories, self.newest_ids(query, indexed)))
        return MatchCount(round_estimate(indexed * passed // sampled), exact=False)

    def count_and_sample(self, stories: QuerySet, query: Query, every: int) -> tuple[int, int, int]:
        """Indexed matches; those with an id that is a multiple of `every`; and how many of
        these are in `stories`."""
        match, params = self.match_condition(query)
        id_column = f"{self.table}.{self.id_column}"
        passes, passes_params = self._story_passes(stories, id_column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.table} WHERE {match}", params)
            indexed = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT count(*), count(CASE WHEN {passes} THEN 1 END) FROM {self.table} "
                f"WHERE {match} AND {id_column} %% %s = 0",
                [*passes_params, *params, every],
            )
            return (indexed, *cursor.fetchone())

    def expected_matches(self, query: Query) -> int:
        """About how many indexed stories match: as many as the ids from the oldest match
        to the newest would hold if they were as dense as the newest RANK_WINDOW."""
        newest = self.newest_ids(query, RANK_WINDOW + 1)
        if len(newest) <= RANK_WINDOW:
            return len(newest)
        span = newest[0] - self.oldest_id(query) + 1
        return len(newest) * span // (newest[0] - newest[-1] + 1)

    def oldest_id(self, query: Query) -> int:
        match, params = self.match_condition(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.id_column} FROM {self.table} WHERE {match} "
                f"ORDER BY {self.id_column} LIMIT 1",
                params,
            )
            return cursor.fetchone()[0]

    @staticmethod
    def _story_passes(stories: QuerySet, id_column: str) -> tuple[str, list]:
        """SQL true when the story with id `id_column` is one of `stories`: one lookup
        by primary key. A scalar subquery, not EXISTS: PostgreSQL may turn an EXISTS into
        a hashed list of every story the filters allow (33,000 for a section's year at a
        million), read in full to check a few hundred ids."""
        one = stories.filter(pk=RawSQL(id_column, ())).order_by().values("pk")[:1]  # noqa: S611
        sql, params = one.query.sql_with_params()
        return f"(({sql}) IS NOT NULL)", list(params)

    def count_among(self, stories: QuerySet, ids: list[int]) -> int:
        """How many of the stories with these ids are in `stories`."""
        return stories.filter(pk__in=ids).count()

    def match_condition(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        """SQL (and its parameters) true for rows of the index table matching `query`."""
        raise NotImplementedError

    def newest_ids(self, query: Query, limit: int, *, prefix: bool = False) -> list[int]:
        """Ids of up to `limit` indexed stories matching `query`, whatever their status,
        highest first. One walk of the index per search serves both the count (every
        match, when there are few) and the ranking window."""
        match, params = self.match_condition(query, prefix)
        size = max(limit, RANK_WINDOW + 1)
        key = (match, tuple(params), size)
        memo = self.__dict__.setdefault("_newest", {})
        if key not in memo:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {self.id_column} FROM {self.table} WHERE {match} "
                    f"ORDER BY {self.id_column} DESC LIMIT %s",
                    [*params, size],
                )
                memo[key] = [row[0] for row in cursor.fetchall()]
        return memo[key][:limit]

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index; `progress(done, total)` after each batch.

        One transaction: readers keep the old index until the new one is complete. Batches
        are id ranges (no OFFSET), each copied by the engine's own `_copy_sql`."""
        total = Story.objects.count()
        done, last_id = 0, 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            while True:
                cursor.execute(
                    f"SELECT max(id), count(*) FROM (SELECT id FROM {Story._meta.db_table} "
                    "WHERE id > %s ORDER BY id LIMIT %s) AS batch",
                    [last_id, REBUILD_BATCH],
                )
                batch_last, count = cursor.fetchone()
                if not count:
                    break
                cursor.execute(self._copy_sql("id > %s AND id <= %s"), [last_id, batch_last])
                done, last_id = done + count, batch_last
                if progress:
                    progress(done, total)
            self._after_rebuild(cursor)
        return done

    def _copy_sql(self, where: str) -> str:
        """SQL that (re)indexes the stories matching `where`."""
        raise NotImplementedError

    def _after_rebuild(self, cursor) -> None:
        """Engine housekeeping once the index is whole again."""
