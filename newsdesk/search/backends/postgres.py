"""PostgreSQL full text: a document table (weighted tsvector + GIN index) written from
Python (the change pipeline re-indexes each changed story after commit; `search-rebuild`
repairs), queried with websearch_to_tsquery, ranked with ts_rank_cd, highlighted with
ts_headline. Weights: headline A; standfirst and "about" (section, tags, bylines,
sources) B; body C.

The text search configuration `newsdesk_search` is English (stemming, stop words) with
`unaccent` in front of the stemmer, so diacritics are folded; words in other scripts are
found by the default parser's Unicode word rules. No foreign key to the story table, so
Django's TRUNCATE-based flush of content tables keeps working; re-indexing a deleted
story's id deletes its row.
"""

# SQL here is assembled from this module's constants (table, function and config names);
# everything a user typed is passed as a parameter.
# ruff: noqa: S608

from collections.abc import Iterable

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import F

from newsdesk.content.models import Story
from newsdesk.search.backends import base
from newsdesk.search.backends.base import (
    MARK_END,
    MARK_START,
    Highlight,
    MatchCount,
    SearchBackend,
    about_sql,
    round_estimate,
)
from newsdesk.search.query import DROPPED, LETTER_FORMS, Query, Term

TABLE = "newsdesk_search_document"
STORY_TABLE = Story._meta.db_table
CONFIG = "newsdesk_search"
# A block sample reading more of the index table than this is no saving (see count).
MAX_SAMPLE_PERCENT = 25.0

# The same folding as newsdesk.search.query.fold, in SQL (the characters are plain
# letters, digits and marks, no quotes, so they can be written into the function body):
# translate() replaces each character by the one at its place and drops those past the end.
_FOLD_FROM = "".join(LETTER_FORMS) + DROPPED
_FOLD_TO = "".join(LETTER_FORMS.values())

_DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}', h), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', s), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', a), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', b), 'C')"
)

ABOUT = about_sql(STORY_TABLE, "string_agg({}, ' ')")

SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
      END IF;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION newsdesk_search_fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT regexp_replace(translate(coalesce(t, ''), '{_FOLD_FROM}', '{_FOLD_TO}'),
                            '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]', ' ', 'g') $$""",
    """CREATE OR REPLACE FUNCTION newsdesk_search_html(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT newsdesk_search_fold(replace(replace(replace(replace(replace(replace(
        regexp_replace(coalesce(t, ''), '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''),
        '&amp;', '&')) $$""",
    # Only the vector: a narrow table keeps the match-and-rank scan small; snippets are
    # made from the story table for the ten stories of a page.
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
      story_id bigint PRIMARY KEY, document tsvector NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_gin ON {TABLE} USING gin (document)",
    # Earlier versions kept the table current with a trigger: dropped on install.
    f"DROP TRIGGER IF EXISTS newsdesk_search_story_write ON {STORY_TABLE}",
    "DROP FUNCTION IF EXISTS newsdesk_search_index_story()",
]
DROP = [
    f"DROP TRIGGER IF EXISTS newsdesk_search_story_write ON {STORY_TABLE}",
    "DROP FUNCTION IF EXISTS newsdesk_search_index_story()",
    f"DROP TABLE IF EXISTS {TABLE}",
    "DROP FUNCTION IF EXISTS newsdesk_search_html(text)",
    "DROP FUNCTION IF EXISTS newsdesk_search_fold(text)",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


def _term(term: Term, prefix: bool) -> tuple[str, str]:
    """SQL and its parameter for one term. Word pieces hold only letters and digits."""
    if prefix:
        return f"to_tsquery('{CONFIG}', %s)", " <-> ".join(term.words) + ":*"
    text = " ".join(term.words)
    return f"websearch_to_tsquery('{CONFIG}', %s)", f'"{text}"' if term.is_phrase else text


def tsquery(query: Query, prefix: bool = False) -> tuple[str, list[str]]:
    """A tsquery expression for `query`, OR binding tighter than AND, and its parameters."""
    parts, params = [], []
    last_group = len(query.groups) - 1
    for index, group in enumerate(query.groups):
        alternatives = []
        for position, term in enumerate(group):
            is_last = prefix and index == last_group and position == len(group) - 1
            sql, param = _term(term, is_last)
            alternatives.append(sql)
            params.append(param)
        parts.append("(" + " || ".join(alternatives) + ")")
    for term in query.excluded:
        sql, param = _term(term, False)
        parts.append(f"!!{sql}")
        params.append(param)
    return "(" + " && ".join(parts) + ")", params


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    table = TABLE
    id_column = "story_id"

    def install(self, connection=None) -> None:
        with (connection or default_connection).cursor() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def uninstall(self, connection=None) -> None:
        with (connection or default_connection).cursor() as cursor:
            for statement in DROP:
                cursor.execute(statement)

    def filter(self, queryset, query: Query, *, prefix: bool = False):
        sql, params = tsquery(query, prefix)
        return queryset.extra(  # noqa: S610  (only our own SQL; the query is a parameter)
            tables=[TABLE],
            where=[f"{TABLE}.story_id = {STORY_TABLE}.id", f"{TABLE}.document @@ {sql}"],
            params=params,
            select={"search_rank": f"ts_rank_cd({TABLE}.document, {sql})"},
            select_params=params,
        )

    def by_relevance(self, queryset):
        return queryset.order_by("-search_rank", F("published_at").desc(nulls_last=True), "-id")

    def count(self, stories, query: Query) -> MatchCount:
        """As SearchBackend.count, but for very common words the index count itself reads
        too much here (every match's row, for MVCC visibility: seconds at 200,000
        matches). Then the count and the share a reader may see come from a sample of
        the index table's blocks, spread over the whole archive (a fixed seed: the same
        query gives the same figure)."""
        expected = self.expected_matches(query)
        percent = 100.0 * 4 * base.COUNT_SAMPLE / max(1, expected)
        if percent > MAX_SAMPLE_PERCENT or not self._sample_is_cheaper(query, expected):
            return super().count(stories, query)
        match, params = self.match_condition(query)
        passes, passes_params = self._story_passes(stories, f"{TABLE}.story_id")
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {passes}) FROM {TABLE} "
                f"TABLESAMPLE SYSTEM (%s) REPEATABLE (0) WHERE {match}",
                [*passes_params, percent, *params],
            )
            sampled, passed = cursor.fetchone()
        if sampled:
            return MatchCount(round_estimate(int(passed * 100 / percent)), exact=False)
        return super().count(stories, query)

    def in_window(self, matches, newest: list[int]):
        # The ids themselves: a range would have the planner AND the text index's bitmap
        # with a bitmap of every story id in the range.
        return matches.extra(where=[f"{TABLE}.story_id = ANY(%s)"], params=[newest])  # noqa: S610

    def before_window(self, matches, newest: list[int]):
        # "+ 0": no bitmap of every older story id to AND with the text index's (above).
        where = f"{TABLE}.story_id + 0 < %s"
        return matches.extra(where=[where], params=[newest[-1]])  # noqa: S610

    def count_and_sample(self, stories, query: Query, every: int) -> tuple[int, int, int]:
        # One pass: here each match costs a heap visit, so it is visited once.
        match, params = self.match_condition(query)
        passes, passes_params = self._story_passes(stories, f"{TABLE}.story_id")
        sampled = f"{TABLE}.story_id %% %s = 0"
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {sampled}), "
                f"count(CASE WHEN {sampled} THEN CASE WHEN {passes} THEN 1 END END) "
                f"FROM {TABLE} WHERE {match}",
                [every, every, *passes_params, *params],
            )
            return cursor.fetchone()

    def _sample_is_cheaper(self, query: Query, expected: int) -> bool:
        # Sampling 4 * COUNT_SAMPLE matches reads about COUNT_SAMPLE * stories / expected
        # blocks (a few stories fit in one); a pass over the matches about `expected`.
        stories = self.newest_ids(query, 1)[0] - self.oldest_id(query) + 1
        return expected * expected > base.COUNT_SAMPLE * stories

    def match_condition(self, query: Query, prefix: bool = False) -> tuple[str, list]:
        sql, params = tsquery(query, prefix)
        return f"{TABLE}.document @@ {sql}", params

    def highlights(self, query: Query, story_ids: Iterable[int]) -> dict[int, Highlight]:
        ids = [int(pk) for pk in story_ids]
        if not ids or query.is_empty:
            return {}
        sql, params = tsquery(query)
        marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
        snippet = f'{marks}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.id, ts_headline('{CONFIG}', newsdesk_search_fold(s.headline), q.q, %s), "
                f"ts_headline('{CONFIG}', newsdesk_search_html(s.body), q.q, %s), "
                f"ts_headline('{CONFIG}', newsdesk_search_fold(s.standfirst), q.q, %s) "
                f"FROM {STORY_TABLE} s, (SELECT {sql} AS q) q WHERE s.id = ANY(%s)",
                [f"{marks}, HighlightAll=true", snippet, snippet, *params, ids],
            )
            rows = cursor.fetchall()
        found = {}
        for pk, headline, body_snippet, standfirst_snippet in rows:
            text = body_snippet if MARK_START in (body_snippet or "") else standfirst_snippet
            found[pk] = Highlight(headline or "", text or "")
        return found

    def reindex(self, story_ids: Iterable[int]) -> None:
        ids = [int(pk) for pk in story_ids]
        if ids:
            with transaction.atomic(savepoint=False), default_connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE story_id = ANY(%s)", [ids])
                cursor.execute(self._copy_sql("id = ANY(%s)"), [ids])

    @staticmethod
    def _copy_sql(where: str) -> str:
        return (
            f"INSERT INTO {TABLE} (story_id, document) "
            f"SELECT id, {_DOCUMENT} FROM (SELECT id, newsdesk_search_fold(headline) "
            "AS h, newsdesk_search_fold(standfirst) AS s, newsdesk_search_html(body) AS b, "
            f"newsdesk_search_fold({ABOUT}) AS a "
            f"FROM {STORY_TABLE} WHERE {where}) AS x "
            "ON CONFLICT (story_id) DO UPDATE SET document = EXCLUDED.document"
        )
