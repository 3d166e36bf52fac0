"""Querysets compiled to SQL once per process and database connection, then run with new values.

Building a queryset and compiling it (`filter()`, `build_filter`, `as_sql`) costs a reader's
page far more CPU than the database spends answering it: ≈ 0.4 ms of Python for a 30 µs
SQLite query. The shapes the public pages ask are few, so each is built once with marker
values in place of the request's own (the time, an id, a list of ids, a LIMIT), compiled by
Django as usual, and the markers' places in the SQL and its parameters are remembered; a
request then only swaps its values in and runs the SQL through Django's cursor (so query
logging, counting and the database's adaptations all apply). The queryset stays the one
source of each rule: `live_stories(now)` is called with a marker `now`, not copied.

    newest = Prepared(lambda now, n: live_stories(now).values_list("pk")[:n])
    newest.rows(now=timezone.now(), n=Limit(10))     # compiled on the first call only

This is the one module that leans on Django's private internals (the SQL compiler's
`as_sql()`, `select`, `col_count`, converters), for the pages' largest measured win;
tests/content/test_prepared.py pins its behaviour against the querysets themselves, and a
system check (below) says so when Django's version is not the one it was written for.

The win, measured on the 20,000-story corpus (bench/README.md, "Prepared queries"): the
same pages with every shape built and run as a plain queryset instead, interleaved, took
in-process 2.0–2.9× the CPU for the home page, 1.4–2.2× for a story, 1.6–2.3× for archive
page 556 and 1.8–2.5× for a section page, and served (wrk) 3.0–3.3×, 1.8–3.0×, 1.2–2.2×
and 1.3–2.3× fewer requests a second; the story page would fall well under its goal
(three times the best peer). A feed's rows and names by plain querysets: ≈ 1.3× its CPU.
"""

import re
import threading
from datetime import UTC, date, datetime, timedelta
from itertools import count

import django
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.dateparse import parse_datetime

# The Django release whose compiler internals this module was written and tested against.
WRITTEN_FOR = (5, 2)


@checks.register(checks.Tags.compatibility)
def check_django_version(app_configs=None, **kwargs) -> list:
    """Prepared queries read the SQL compiler's private state: on another Django release
    they must be checked again (tests/content/test_prepared.py) before being trusted."""
    if django.VERSION[:2] == WRITTEN_FOR:
        return []
    return [
        checks.Warning(
            f"Prepared queries were written for Django {WRITTEN_FOR[0]}.{WRITTEN_FOR[1]} and "
            f"this is {django.get_version()}: run tests/content/test_prepared.py, then "
            "update WRITTEN_FOR in newsdesk.content.services.prepared.",
            id="newsdesk.W001",
        )
    ]


# Marker values nothing real takes: far-past instants, ids near the top of a 32-bit
# column's range (Django compiles a value outside a field's range as always/never true).
_MARKER_TIME = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)
_MARKER_DAY = date(1801, 2, 3)
_MARKER_INT = 2_147_000_000


# A "%s" placeholder, as Django's SQLite wrapper finds them ("%%s" is a literal "%s").
_PLACEHOLDER = re.compile(r"(?<!%)%s")


class Limit(int):
    """A LIMIT/OFFSET value: Django writes those into the SQL text, not its parameters, so
    their markers are found and replaced there."""


class _Shape:
    """One compiled shape: the SQL, its parameters, and where each value goes."""

    def __init__(self, querysets: tuple, markers: dict, wrap: str | None, same_columns: bool):
        compilers = [qs.query.get_compiler(using=qs.db) for qs in querysets]
        compiled = [compiler.as_sql() for compiler in compilers]
        sql = wrap.format(*(sql for sql, _ in compiled)) if wrap else compiled[0][0]
        params = [param for _, some in compiled for param in some]
        compiler = compilers[0]
        connection = compiler.connection
        self.compiler = compiler
        self.slots = []  # (index in params, value name, index in a list value or None)
        limits = []
        for key, marker in _flat(markers):
            if marker is None:  # an absent value: the shape has no place for it
                continue
            if isinstance(marker, Limit):
                limits.append((key, str(marker)))
                continue
            adapted = _adapt(connection, marker)
            found = [i for i, p in enumerate(params) if p == adapted]
            if not found:  # the shape must depend on every value it is given
                raise ValueError(f"marker for {key} not found in {sql}")
            self.slots += [(index, *key) for index in found]
        # LIMIT/OFFSET markers become parameters, in the order their places come in the SQL.
        for key, text in sorted(limits, key=lambda kt: sql.find(kt[1])):
            if sql.count(text) != 1 or "%%" in sql:
                raise ValueError(f"LIMIT marker for {key} not found once in {sql}")
            at = sql.index(text)
            before = sql[:at].count("%s")
            sql = sql[:at] + "%s" + sql[at + len(text) :]
            self.slots = [(i + (i >= before), *rest) for i, *rest in self.slots]
            self.slots.append((before, *key))
            params.insert(before, int(text))
        # Named placeholders, "%(p0)s", where the database allows them: Django's SQLite
        # wrapper turns those into its own with one string format, and plain "%s" with a
        # regular expression over the whole SQL (80 µs for a story page's 5 KB query).
        self.names = None
        if "%%" not in sql and connection.features.supports_paramstyle_pyformat:
            serial = count()
            sql = _PLACEHOLDER.sub(lambda _: f"%(p{next(serial)})s", sql)
            self.names = [f"p{index}" for index in range(len(params))]
        self.sql = sql
        self.params = params
        # What results_iter() would work out again on every call.
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converted = not wrap or same_columns
        self.converters = compiler.get_converters(columns) if converted else None
        self.inline = _inline_conversions(connection, self.converters)

    def params_for(self, values: dict) -> list | dict:
        params = list(self.params)
        connection = self.compiler.connection
        for index, name, item in self.slots:
            value = values[name] if item is None else values[name][item]
            params[index] = int(value) if isinstance(value, Limit) else _adapt(connection, value)
        return dict(zip(self.names, params, strict=True)) if self.names else params


def _flat(values: dict):
    """((name, index in a list or None), value) for every value, lists opened."""
    for name, value in values.items():
        if isinstance(value, list | tuple):
            yield from (((name, i), one) for i, one in enumerate(value))
        else:
            yield (name, None), value


def _adapt(connection, value):
    """The value as Django's field would hand it to the database."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _marker(value, serial):
    if value is None:
        return None
    if isinstance(value, Limit):
        # Digits unlikely anywhere else in the SQL text.
        return Limit(7_310_958_000 + next(serial))
    if isinstance(value, datetime):
        return _MARKER_TIME.replace(microsecond=next(serial))
    if isinstance(value, date):
        return _MARKER_DAY + timedelta(days=next(serial))
    if isinstance(value, int):
        return _MARKER_INT + next(serial)
    if isinstance(value, list | tuple):
        return [_marker(v, serial) for v in value]
    if isinstance(value, str):
        return f"\x00marker-{next(serial)}"
    raise TypeError(f"no marker for {type(value).__name__}")


def _kind(value):
    """What about a value changes the SQL: its type, and a list's length."""
    if isinstance(value, list | tuple):
        return (list, len(value))
    return Limit if isinstance(value, Limit) else type(value)


class Prepared:
    """A queryset shape: `build(**values)` returns a `values_list()` queryset; `rows()` runs
    its SQL, compiled once per connection and per kind of values, with the given values.

    With `wrap`, `build` returns a tuple of querysets whose SQL goes into an outer query
    ("SELECT (SELECT COUNT(*) FROM ({0}) AS a), (SELECT … ({1}) AS b)"): for aggregates,
    which Django would group by every column of a values list, and several in one trip.
    Its rows are taken as they come, unless `same_columns` says they have the first
    queryset's columns (a UNION ALL of like querysets): then they are converted as its."""

    def __init__(self, build, wrap: str | None = None, same_columns: bool = False):
        self.build = build
        self.wrap = wrap
        self.same_columns = same_columns
        self._local = threading.local()  # compilers hold their thread's connection

    def _shape(self, using: str, values: dict) -> _Shape:
        shapes = self._local.__dict__.setdefault("shapes", {})
        key = (using, tuple((name, _kind(v)) for name, v in values.items()))
        shape = shapes.get(key)
        if shape is None or shape.compiler.connection is not connections[using]:
            serial = count(1)
            markers = {name: _marker(v, serial) for name, v in values.items()}
            built = self.build(**markers)
            querysets = tuple(qs.using(using) for qs in (built if self.wrap else [built]))
            shape = shapes[key] = _Shape(querysets, markers, self.wrap, self.same_columns)
        return shape

    def _execute(self, using, values):
        shape = self._shape(using, values)
        cursor = connections[using].cursor()
        cursor.execute(shape.sql, shape.params_for(values))
        return shape, cursor

    def rows(self, using=DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        """Every row, each value converted as Django converts it (dates, booleans, …)."""
        shape, cursor = self._execute(using, values)
        with cursor:
            return self.convert(shape, cursor.fetchall())

    def iterate(self, chunk: int, using=DEFAULT_DB_ALIAS, **values):
        """Rows read `chunk` at a time, as long as the caller wants more."""
        shape, cursor = self._execute(using, values)
        with cursor:
            while batch := cursor.fetchmany(chunk):
                yield from self.convert(shape, batch)

    def value(self, using=DEFAULT_DB_ALIAS, **values):
        """The first column of the first row (an aggregate), or None."""
        rows = self.rows(using, **values)
        return rows[0][0] if rows else None

    @staticmethod
    def convert(shape: _Shape, rows) -> list[tuple]:
        if not shape.converters:
            return rows
        if shape.inline is not None:
            return _converted_inline(rows, *shape.inline, shape.compiler.connection.timezone)
        return list(map(tuple, shape.compiler.apply_converters(rows, shape.converters)))


def _inline_conversions(connection, converters) -> tuple[list, list] | None:
    """(boolean columns, datetime columns) when SQLite's converters for those two are all
    the columns have, else None (Django's converters run). A story page's rows have nine
    such columns: through `apply_converters` each value costs three calls and a settings
    read, which was ≈ 5 % of the page."""
    if not converters or connection.vendor != "sqlite":
        return None
    ops = connection.ops
    kinds = {
        (ops.convert_booleanfield_value,): [],
        (ops.convert_datetimefield_value,): [],
    }
    for position, (functions, _expression) in converters.items():
        if tuple(functions) not in kinds:
            return None
        kinds[tuple(functions)].append(position)
    return tuple(kinds.values())


def _converted_inline(rows, booleans, datetimes, zone) -> list[tuple]:
    """What SQLite's `convert_booleanfield_value` and `convert_datetimefield_value` make of
    the values: 0/1 as booleans; datetimes parsed if the driver left text, and naive ones
    made aware in the connection's time zone (`zone`, None without USE_TZ)."""
    converted = []
    for row in rows:
        row = list(row)
        for position in booleans:
            if row[position] in (0, 1):
                row[position] = bool(row[position])
        for position in datetimes:
            value = row[position]
            if value is None:
                continue
            if not isinstance(value, datetime):
                value = parse_datetime(value)
            if zone is not None and value.utcoffset() is None:
                row[position] = value.replace(tzinfo=zone)
            else:
                row[position] = value
        converted.append(tuple(row))
    return converted


__all__ = ["Limit", "Prepared"]
