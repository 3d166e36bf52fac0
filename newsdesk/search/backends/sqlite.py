"""SQLite FTS5: a full-text table written from Python.

The FTS table stores plain text (HTML stripped, folded by newsdesk.search.query.fold)
under rowid = story id: headline, standfirst, body, and "about" (the section, tags,
bylines and sources). The change pipeline re-indexes each changed story after commit
(search/indexing.py); nothing in the database calls Python, so any SQLite client can write
the story table, and `newsdesk search-rebuild` indexes what such a write changed.
Tokenizer: unicode61 (Unicode word boundaries, diacritics removed) wrapped by porter
(English stemming; words in other scripts pass through unstemmed).
"""

# SQL here is assembled from this module's constants (table, function and config names);
# everything a user typed is passed as a parameter.
# ruff: noqa: S608

import json
from collections.abc import Iterable

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import F
from django.db.models.expressions import RawSQL

from newsdesk.content.models import Story
from newsdesk.search.backends.base import (
    ABOUT_WEIGHT,
    BODY_WEIGHT,
    HEADLINE_WEIGHT,
    MARK_END,
    MARK_START,
    STANDFIRST_WEIGHT,
    Highlight,
)
from newsdesk.search.backends.database import IndexTableBackend, about_sql
from newsdesk.search.backends.documents import index_html, index_text
from newsdesk.search.query import Query, Term

TABLE = "newsdesk_search_fts"
STORY_TABLE = Story._meta.db_table
# bm25 with column weights as FTS5's `rank` column, so `ORDER BY rank` is sorted inside the
# index (FTS5 only consumes an ORDER BY on `rank`, not on a bm25() call).
RANK_MATCH = (
    f"{TABLE}.rank MATCH "
    f"'bm25({HEADLINE_WEIGHT}, {STANDFIRST_WEIGHT}, {BODY_WEIGHT}, {ABOUT_WEIGHT})'"
)

# Triggers earlier versions created: they called Python functions, so a plain client's
# UPDATE of the story table failed. Installing drops them.
_OLD_TRIGGERS = [
    "DROP TRIGGER IF EXISTS newsdesk_search_story_ai",
    "DROP TRIGGER IF EXISTS newsdesk_search_story_au",
    "DROP TRIGGER IF EXISTS newsdesk_search_story_ad",
]
SCHEMA = [
    *_OLD_TRIGGERS,
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
        headline, standfirst, body, about,
        tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')""",
]
DROP = [*_OLD_TRIGGERS, f"DROP TABLE IF EXISTS {TABLE}"]


ABOUT = about_sql(STORY_TABLE, "group_concat({}, ' ')")


def _relevance_order(row):
    """Best bm25 first (lower is better), then the most recently published, then the
    newest id; stories never published last."""
    pk, rank, published = row
    return (rank, published is None, -published.timestamp() if published else 0, -pk)


def register_functions(sqlite_connection) -> None:
    """The functions indexing calls; registered on each new SQLite connection."""
    sqlite_connection.create_function("newsdesk_search_text", 1, index_text, deterministic=True)
    sqlite_connection.create_function("newsdesk_search_html", 1, index_html, deterministic=True)


def _term(term: Term, prefix: bool = False) -> str:
    # Word pieces hold only letters and digits, so quoting them cannot be escaped from.
    return '"' + " ".join(term.words) + '"' + ("*" if prefix else "")


def match_expression(query: Query, prefix: bool = False) -> str:
    """The FTS5 MATCH string for `query`: every term quoted, operators added by us."""
    last_group = len(query.groups) - 1
    groups = []
    for index, group in enumerate(query.groups):
        alternatives = [
            _term(term, prefix and index == last_group and position == len(group) - 1)
            for position, term in enumerate(group)
        ]
        groups.append("(" + " OR ".join(alternatives) + ")")
    expression = " AND ".join(groups)
    for term in query.excluded:
        expression += " NOT " + _term(term)
    return expression


class SQLiteBackend(IndexTableBackend):
    vendor = "sqlite"
    table = TABLE
    id_column = "rowid"

    def install(self, connection=None) -> None:
        with (connection or default_connection).cursor() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def uninstall(self, connection=None) -> None:
        with (connection or default_connection).cursor() as cursor:
            for statement in DROP:
                cursor.execute(statement)

    def filter(self, queryset, query: Query, *, prefix: bool = False):
        return queryset.extra(  # noqa: S610  (only our own SQL; the query is a parameter)
            tables=[TABLE],
            # The unary + stops the planner from probing the FTS table once per story
            # row (it guesses the story-status index is selective when the table has no
            # statistics): the match drives, each hit is looked up by primary key.
            where=[f"{STORY_TABLE}.id = +{TABLE}.rowid", f"{TABLE} MATCH %s", RANK_MATCH],
            params=[match_expression(query, prefix)],
            select={"search_rank": f"{TABLE}.rank"},
        )

    def by_relevance(self, queryset):
        # bm25() is lower for better matches.
        return queryset.order_by("search_rank", F("published_at").desc(nulls_last=True), "-id")

    def best(self, matches, stop: int) -> list[int]:
        """Ordered by `rank` alone, FTS5 sorts its own matches by bm25 inside the index and
        hands them over best first; SQLite then looks up each in the story table (status,
        filters) only until enough have passed, instead of joining every match and
        sorting the lot. Equal ranks go to the most recent story: rows are read on past
        the `stop`-th while their rank equals its rank, then sorted."""
        rows = matches.order_by("search_rank").values_list("id", "search_rank", "published_at")
        found = []
        for row in rows.iterator(chunk_size=stop + 1):
            if len(found) >= stop and row[1] != found[stop - 1][1]:
                break
            found.append(row)
        found.sort(key=_relevance_order)
        return [pk for pk, _rank, _published in found[:stop]]

    def match_condition(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        return f"{TABLE} MATCH %s", [match_expression(query, prefix)]

    def dated_among(self, stories, ids: list[int]) -> list[int]:
        # As in count_among; the dates are sorted here (ISO text sorts as time does).
        passes, params = self._story_passes(stories, "wanted.value")
        published = stories.filter(pk=RawSQL("wanted.value", ())).values("published_at")  # noqa: S611
        published_sql, published_params = published.query.sql_with_params()
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT wanted.value, ({published_sql}) FROM json_each(%s) AS wanted "
                f"WHERE {passes}",
                [*published_params, json.dumps(ids), *params],
            )
            rows = cursor.fetchall()
        rows.sort(key=lambda row: (row[1] is not None, row[1] or "", row[0]), reverse=True)
        return [pk for pk, _published in rows]

    def count_among(self, stories, ids: list[int]) -> int:
        # Without table statistics SQLite would rather walk the story-status index (it
        # guesses "status = 'published'" is rare) than look these ids up one by one; a
        # lookup per id (_story_passes) leaves it only the primary key.
        passes, params = self._story_passes(stories, "wanted.value")
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM json_each(%s) AS wanted WHERE {passes}",
                [json.dumps(ids), *params],
            )
            return cursor.fetchone()[0]

    def highlights(self, query: Query, stories: Iterable) -> dict[int, Highlight]:
        ids = [story.pk for story in stories]
        if not ids or query.is_empty:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT rowid, highlight({TABLE}, 0, %s, %s), "
            f"snippet({TABLE}, 2, %s, %s, '…', 32), snippet({TABLE}, 1, %s, %s, '…', 32) "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})"
        )
        marks = [MARK_START, MARK_END]
        with default_connection.cursor() as cursor:
            cursor.execute(sql, [*marks * 3, match_expression(query), *ids])
            rows = cursor.fetchall()
        found = {}
        for pk, headline, body_snippet, standfirst_snippet in rows:
            # The body's snippet, unless only the standfirst matched.
            snippet = body_snippet if MARK_START in (body_snippet or "") else standfirst_snippet
            found[pk] = Highlight(headline or "", snippet or "")
        return found

    def reindex(self, story_ids: Iterable[int]) -> None:
        ids = [int(pk) for pk in story_ids]
        if not ids:
            return
        placeholders = ", ".join(["%s"] * len(ids))
        with transaction.atomic(savepoint=False), default_connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", ids)
            cursor.execute(self._copy_sql(f"id IN ({placeholders})"), ids)

    def _after_rebuild(self, cursor) -> None:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")

    @staticmethod
    def _copy_sql(where: str) -> str:
        return (
            f"INSERT INTO {TABLE}(rowid, headline, standfirst, body, about) SELECT id, "
            "newsdesk_search_text(headline), newsdesk_search_text(standfirst), "
            "newsdesk_search_html(body), "
            f"newsdesk_search_text({ABOUT}) "
            f"FROM {STORY_TABLE} WHERE {where}"
        )
