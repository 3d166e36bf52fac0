"""Writing the PostgreSQL search index: the text search configuration, each story's
stored vector (headline A, standfirst B, the names it is filed under C, body D, and markers
of its id) computed in PostgreSQL from text prepared in Python (backends/documents.py),
re-indexing on the change pipeline's events and `search-rebuild`'s whole rebuild.
Querying is backends/postgres.py.
"""

# SQL here is assembled from this module's constants (table and config names) and from
# SQL Django compiles; the stories' text is passed as parameters.
# ruff: noqa: S608

import operator
from collections.abc import Callable, Iterable
from functools import reduce

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVector
from django.db import connection as default_connection
from django.db import transaction
from django.db.models import OuterRef, TextField
from django.db.models.expressions import RawSQL

from newsdesk.content.models import Person, Source, Story, Tag
from newsdesk.search.backends.database import REBUILD_BATCH
from newsdesk.search.backends.documents import StoryText, index_html, index_text
from newsdesk.search.models import SearchDocument

TABLE = SearchDocument._meta.db_table
CONFIG = "newsdesk_search"
# Every document also holds markers of where its story id lies, lexemes no text can make
# ("#10:901": ids from 901 × 2¹⁰ up to the next 2¹⁰; "#13:112", "#16:14" likewise): a search for
# the matches within a range of ids asks the GIN index for the word and the range's
# markers at once (postgres_slices.py), where a bitmap of every id in the range from the
# primary key cost several times the rest of the statement.
ID_MARKER_BITS = (10, 13, 16)


def id_markers_sql(column: str) -> str:
    """SQL for the markers (a tsvector) of the story id in `column`."""
    markers = ", ".join(f"'#{bits}:' || ({column} >> {bits})" for bits in ID_MARKER_BITS)
    return f"array_to_tsvector(ARRAY[{markers}])"


SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
      END IF;
    END $$""",
    # Earlier versions prepared text in SQL (and kept the table current with a trigger).
    f"DROP TRIGGER IF EXISTS newsdesk_search_story_write ON {Story._meta.db_table}",
    "DROP FUNCTION IF EXISTS newsdesk_search_index_story()",
    "DROP FUNCTION IF EXISTS newsdesk_search_html(text)",
    "DROP FUNCTION IF EXISTS newsdesk_search_fold(text)",
]


def install(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        for statement in SCHEMA:
            cursor.execute(statement)
    if TABLE not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.create_model(SearchDocument)


def uninstall(connection=None) -> None:
    connection = connection or default_connection
    if TABLE in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.delete_model(SearchDocument)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def story_texts(ids) -> list[StoryText]:
    """Indexed text of the stories with these ids that exist, in id order: one query, the
    names each story is filed under gathered by subqueries."""

    def names(model):
        return ArraySubquery(model.objects.filter(stories=OuterRef("pk")).values("name"))

    rows = (
        Story.objects.filter(pk__in=list(ids))
        .order_by("id")
        .values_list(
            "id",
            "headline",
            "standfirst",
            "body",
            "section__name",
            names(Tag),
            names(Person),
            names(Source),
        )
    )
    return [
        StoryText(
            story_id=pk,
            headline=index_text(headline),
            standfirst=index_text(standfirst),
            body=index_html(body),
            about=index_text(" ".join([section or "", *tags, *people, *sources])),
        )
        for pk, headline, standfirst, body, section, tags, people, sources in rows
    ]


def _column(sql: str) -> RawSQL:
    return RawSQL(sql, (), output_field=TextField())  # noqa: S611


def document_vector(columns: dict[str, str]) -> SearchVector:
    """The stored vector of a story, from SQL columns holding its prepared text: the
    headline weighs A, the standfirst B, "about" C, the body D."""
    weighted = [("headline", "A"), ("standfirst", "B"), ("about", "C"), ("body", "D")]
    return reduce(
        operator.add,
        [
            # Column names of this module's own statement, never user input.
            SearchVector(_column(columns[name]), weight=weight, config=CONFIG)
            for name, weight in weighted
        ],
    )


def compiled_sql(expression) -> tuple[str, list]:
    """SQL of a query expression, for the statements the ORM cannot write (samples,
    ts_headline over text prepared in Python)."""
    query = SearchDocument.objects.all().query
    compiler = query.get_compiler(connection=default_connection)
    sql, params = compiler.compile(expression.resolve_expression(query))
    return sql, list(params)


def reindex(story_ids: Iterable[int]) -> None:
    ids = {int(pk) for pk in story_ids}
    if not ids:
        return
    texts = story_texts(ids)
    gone = ids - {text.story_id for text in texts}
    with transaction.atomic(savepoint=False):
        if gone:
            SearchDocument.objects.filter(story_id__in=gone).delete()
        _write(texts, replace=True)


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """One transaction: readers keep the old index until the new one is complete.
    Batches are id ranges (no OFFSET)."""
    total = Story.objects.count()
    done, last_id = 0, 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        while True:
            batch = Story.objects.filter(pk__gt=last_id).order_by("pk")
            ids = list(batch.values_list("pk", flat=True)[:REBUILD_BATCH])
            if not ids:
                break
            _write(story_texts(ids), replace=False)
            done, last_id = done + len(ids), ids[-1]
            if progress:
                progress(done, total)
    return done


def _write(texts: list[StoryText], *, replace: bool) -> None:
    """One statement for a batch: the prepared texts go as five arrays, and the vector
    expression, compiled once, is applied to each row in PostgreSQL (an expression
    per row through bulk_create took ten times as long), with the id's markers."""
    vector, params = compiled_sql(document_vector({name: f"t.{name}" for name in StoryText.FIELDS}))
    upsert = " ON CONFLICT (story_id) DO UPDATE SET document = EXCLUDED.document"
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (story_id, document) "
            f"SELECT t.story_id, {vector} || {id_markers_sql('t.story_id')} "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            f"AS t(story_id, {', '.join(StoryText.FIELDS)})" + (upsert if replace else ""),
            [
                *params,
                *[[getattr(t, name) for t in texts] for name in ("story_id", *StoryText.FIELDS)],
            ],
        )
