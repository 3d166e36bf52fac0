"""What a feed reads: the newest live stories of a list as plain rows, by a prepared query
(prepared.py), then the names of their people and of their tags.

Building and compiling the stories' queryset cost a feed ≈ 0.6 ms of Python for a query
SQLite answers in a tenth of that; the list and the visibility rule still come from
`pagecounts.list_filter()` and `visibility.live_stories()`, compiled once per process.
"""

from collections import defaultdict
from datetime import datetime
from functools import lru_cache

from django.db import connection
from django.db.models import BinaryField, Func, TextField
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsdesk.content.models import Byline, Story
from newsdesk.content.services.cards import NEWEST_FIRST
from newsdesk.content.services.lists import KINDS, READ_BY_DATE
from newsdesk.content.services.pagecounts import ALL, day_start, list_filter
from newsdesk.content.services.pages import oldest_day_needed
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import live_stories


class _AsRead(Func):
    """A date column as the database driver hands it over, without Django's converter
    (through `apply_converters` that costs four calls a date, 100 dates a feed); on SQLite
    as the text it stores, which its driver would otherwise parse date by date (by the
    column's declared type) though a feed shows the same dates request after request:
    `_as_written()` makes them what Django's converter would."""

    template = "%(expressions)s"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(%(expressions)s AS TEXT)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class _Utf8(Func):
    """A text column as UTF-8 bytes on SQLite, which stores it so: the feed writes the
    body in UTF-8, and reading 370 KB of bodies into str only to encode them back cost
    two copies of it (and SQLite's driver decoding). PostgreSQL's driver hands over str
    (bytea would come as hex): `_as_written()` encodes it."""

    template = "%(expressions)s"
    output_field = BinaryField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(%(expressions)s AS BLOB)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


STORY_FIELDS = (
    "id",
    "headline",
    "slug",
    "standfirst",
    _Utf8("body"),
    _AsRead("published_at"),
    _AsRead("updated_at"),
    "featured_image__file",
)


def _newest(kind: str, now, ident, since, size):
    stories = Story.objects.all()
    if since is not None:  # the day bound first in the WHERE clause (see lists._window)
        stories = stories.filter(published_at__gte=since)
    key = kind if kind == ALL else f"{kind}:{ident}"
    stories = (stories & list_filter(live_stories(now), key)).order_by(*NEWEST_FIRST)
    return stories.values_list(*STORY_FIELDS)[:size]


def _as_written(rows: list[tuple]) -> list[tuple]:
    """The rows with the body in UTF-8 and the dates aware datetimes, as Django's converter
    makes them: PostgreSQL's driver hands over str and aware datetimes, SQLite's UTF-8 and
    the stored text of a date (naive, in the connection's time zone)."""
    if not rows:
        return rows
    if not isinstance(rows[0][5], str):
        return [(*row[:4], row[4].encode(), *row[5:]) for row in rows]
    zone = connection.timezone
    return [(*row[:5], _moment(row[5], zone), _moment(row[6], zone), row[7]) for row in rows]


@lru_cache(maxsize=4096)
def _moment(stored: str, zone) -> datetime:
    return parse_datetime(stored).replace(tzinfo=zone)


_stories = {kind: Prepared(lambda kind=kind, **values: _newest(kind, **values)) for kind in KINDS}

NAMES_SQL = (
    "SELECT link.story_id, named.name FROM {link} link JOIN {named} named"
    " ON named.id = link.{column} WHERE link.story_id IN ({marks}) ORDER BY {order}"
)


def newest_stories(list_key: str, size: int, now: datetime | None = None) -> list[tuple]:
    """The newest `size` live stories of the list `list_key` ("all", "section:7", …), newest
    first, as rows of STORY_FIELDS (the body in UTF-8, dates aware).

    A tag's or author's stories come through a link table, which no index reads in date
    order: "newest first, LIMIT n" would read and sort every one of them (tens of thousands
    for a busy tag at a million stories). Their day counts (pagecounts) bound the read to
    the days the newest `size` span."""
    now = now or timezone.now()
    kind, _, ident = list_key.partition(":")
    values = {"now": now, "ident": int(ident) if ident else None, "size": Limit(size)}
    if kind not in READ_BY_DATE and (oldest := oldest_day_needed(list_key, size, now)):
        rows = _as_written(_stories[kind].rows(since=day_start(oldest), **values))
        if len(rows) == size:
            return rows
        # Fewer: the counts are out of date (see api.story_queries): right beats fast.
    return _as_written(_stories[kind].rows(since=None, **values))


def bylines_by_story(ids: list[int]) -> dict[int, list[str]]:
    """The names of the people bylined on each story, in byline order."""
    # Byline's own ordering (position, id) is the order bylines are shown in.
    return _names_by_story(ids, Byline, "person", "link.position, link.id")


def tags_by_story(ids: list[int]) -> dict[int, list[str]]:
    """The names of each story's tags, by name."""
    return _names_by_story(ids, Story.tags.through, "tag", "named.name, named.id")


def _names_by_story(ids: list[int], link_model, named_field: str, order: str):
    """The names of what each story links to (people, tags), in `order`.

    Plain SQL with the ids as plain parameters: a prepared IN list costs more to fill in
    than these short statements cost to pass through Django's cursor, and a UNION of the
    two cost SQLite more than the two apart."""
    names = defaultdict(list)
    if not ids:
        return names
    quote = connection.ops.quote_name
    named = link_model._meta.get_field(named_field)
    # Tables and columns from the models' own meta; the ids go as parameters.
    sql = NAMES_SQL.format(
        link=quote(link_model._meta.db_table),
        named=quote(named.related_model._meta.db_table),
        column=quote(named.column),
        marks=", ".join(["%s"] * len(ids)),
        order=order,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        for story_id, name in cursor.fetchall():
            names[story_id].append(name)
    return names
