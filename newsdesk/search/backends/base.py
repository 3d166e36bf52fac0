"""The interface every search backend implements (after wagtail/search/backends/base.py).

A backend owns its index (schema, triggers, rebuild) and turns a parsed Query into
conditions on a Story queryset. Which stories may be seen, and the filters, stay with the
caller: the backend only narrows and orders the queryset it is given.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsdesk.content.models import Story
from newsdesk.search.query import Query

# Highlight delimiters the engines put around matched words; indexed text never contains
# them (control characters are folded away), so they can be turned into <mark> after
# the snippet is HTML-escaped.
MARK_START, MARK_END = "\x02", "\x03"
# Column weights: the headline counts more than the standfirst, the standfirst more than
# the body.
HEADLINE_WEIGHT, STANDFIRST_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


@dataclass
class Highlight:
    """Engine text of the indexed (folded) copy, matches between MARK_START/MARK_END."""

    headline: str
    snippet: str


def unmarked(text: str) -> str:
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")


def marked_html(text: str) -> SafeString:
    """Engine output with MARK_START/MARK_END → escaped HTML with <mark> around matches."""
    html = escape(text or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


REBUILD_BATCH = 2000


class SearchBackend:
    vendor = ""
    table = ""  # the engine's index table

    def install(self, connection) -> None:
        """Create the index and what keeps it current; safe to run again."""
        raise NotImplementedError

    def uninstall(self, connection) -> None:
        raise NotImplementedError

    def filter(self, queryset: QuerySet, query: Query, *, prefix: bool = False) -> QuerySet:
        """`queryset` narrowed to stories matching `query`, annotated with `search_rank`.
        With `prefix`, the last word also matches longer words (typing ahead)."""
        raise NotImplementedError

    def by_relevance(self, queryset: QuerySet) -> QuerySet:
        """Best match first; recent stories break ties."""
        raise NotImplementedError

    def highlights(self, query: Query, story_ids: Iterable[int]) -> dict[int, Highlight]:
        """Headline and a body snippet with the matched words marked, for one page."""
        raise NotImplementedError

    def reindex(self, story_ids: Iterable[int]) -> None:
        """Bring the index entries of these stories up to date (idempotent)."""
        raise NotImplementedError

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index; `progress(done, total)` after each batch.

        One transaction: readers keep the old index until the new one is complete. Batches
        are id ranges (no OFFSET), each copied by the engine's own `_copy_sql`."""
        total = Story.objects.count()
        done, last_id = 0, 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608  (a class constant)
            while True:
                cursor.execute(
                    f"SELECT max(id), count(*) FROM (SELECT id FROM {Story._meta.db_table} "  # noqa: S608
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
