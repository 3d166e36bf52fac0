"""Reading a query's matches from the PostgreSQL index one slice of story ids at a time.

A GIN index hands over its matches in no useful order, and without their story ids: those
are in the table's rows. Asking for the newest matches of a word in 6,500 stories meant
visiting 6,500 rows and sorting them; visiting rows is what a search pays for (a million
stories' index is far bigger than the shared buffers). So the index is asked for one
range of story ids at a time, newest first: PostgreSQL intersects the word's GIN bitmap
with the range's primary-key bitmap (or, for a very common word, walks the range's rows
newest first and stops), and only rows inside the range are visited. The first range is a
guess; each further one is sized from how densely matches lay in the ranges already read,
so a common word takes one slice and a rare one a few growing ones.

The density that sizes the slices also sizes the count's sample (`sample`): a few id
ranges spread evenly over the archive, their matches checked against the stories a reader
may see, scaled up by the share of the archive the ranges cover.

A wide range is not read through the primary key: a bitmap of its 70,000 ids cost five
times the rest of the statement. Each document holds markers of where its id lies
(postgres_index.ID_MARKER_BITS), and the GIN index is asked for the query's words and the
range's markers at once, intersecting them inside the index (`id_markers`); a wide
sample takes whole marked stretches of ids.
"""

# SQL here is assembled from the backend's table name and match condition; whatever a
# user typed is in the parameters.
# ruff: noqa: S608

import math
from dataclasses import dataclass, field

from django.db import connection

from newsdesk.search.backends.postgres_index import ID_MARKER_BITS

# The first slice holds this many ids per match wanted: one slice is enough for a word
# in one story in 24 or more, the common words that would otherwise cost the most.
FIRST_SLICE_PER_MATCH = 24
# Further slices get this much room over what the density so far says they need.
SLICE_MARGIN = 1.3
# The count's sample is taken from this many ranges, one in each equal stretch of ids, so
# that old and new stories are sampled alike (date filters are judged fairly).
SAMPLE_RANGES = 16
# A range of ids at least this wide is read by its markers, not by the primary key; and a
# sample needing at least SAMPLE_STRETCHES_FROM of the finest marked stretches of ids is
# taken in whole stretches.
FINE_BITS = min(ID_MARKER_BITS)
MARKED_RANGE = 2 << FINE_BITS
SAMPLE_STRETCHES_FROM = 4
MAX_STRETCHES = 32
# A sample in fewer ids than this (a common word's) has each of its rows checked.
WALKED_SAMPLE = SAMPLE_STRETCHES_FROM << FINE_BITS


def id_markers(ranges: list[tuple[int, int]]) -> str:
    """A tsquery (as text) matching the documents of every story id in `ranges` ([low,
    high) pairs), and of a few ids around them: the fewest markers covering them, the
    coarsest that fits at each step."""
    markers = []
    coarsest_first = sorted(ID_MARKER_BITS, reverse=True)
    for low, high in ranges:
        start, end = low >> FINE_BITS << FINE_BITS, high
        while start < end:
            bits = next(
                bits
                for bits in coarsest_first
                if start % (1 << bits) == 0 and start + (1 << bits) <= end or bits == FINE_BITS
            )
            markers.append(f"'#{bits}:{start >> bits}'")
            start += 1 << bits
    return " | ".join(dict.fromkeys(markers))


def id_array(ids) -> str:
    """Story ids as a PostgreSQL array literal, for a `%s::bigint[]` parameter: a list is
    adapted an element at a time, several times slower for a window of 200."""
    return "{" + ",".join(map(str, ids)) + "}"


def _within(ranges: list[tuple[int, int]], marked: bool, bits: int | None = None) -> tuple:
    """SQL for a story id in one of `ranges`, and its parameters. Unmarked, the planner may
    read the ranges from the primary key; marked, the id is only checked on each row ("+ 0")
    found by its markers; ranges that are whole stretches of 2 ** `bits` ids are named by
    their numbers (a list, not a condition per range for the planner to go through)."""
    column = "story_id + 0" if marked else "story_id"
    if bits is not None:
        stretches = id_array(low >> bits for low, _high in ranges)
        return f"(({column}) >> {bits} = ANY(%s::bigint[]))", [stretches]
    within = " OR ".join([f"({column} >= %s AND {column} < %s)"] * len(ranges))
    return f"({within})", [bound for pair in ranges for bound in pair]


@dataclass
class Slices:
    """The newest matches of one query read so far: `ids`, highest first, hold every
    match with an id of `reached` or more; `top` and `bottom` are the index's highest
    and lowest story ids."""

    table: str
    match: str
    params: list
    top: int
    bottom: int
    ids: list[int] = field(default_factory=list)
    reached: int = 0
    # Share of the matches counted that a reader may see through the filters (the count
    # sets it; the ranking sizes its reads by it).
    passing: float | None = None
    # The count's check of a row's story (SQL on its story_id, and its parameters).
    passes: tuple[str, list] | None = None
    # Every match that passes it, best first, when the count ranked them all (few).
    ranked: list[int] | None = None

    def __post_init__(self):
        self.reached = self.top + 1

    @property
    def complete(self) -> bool:
        return self.reached <= self.bottom

    @property
    def density(self) -> float:
        """Share of the ids read so far that match."""
        return len(self.ids) / max(1, self.top + 1 - self.reached)

    def expected(self) -> int:
        """About how many indexed stories match, if the older ids hold matches as densely
        as the newer ones read."""
        if self.complete:
            return len(self.ids)
        return max(len(self.ids) + 1, round(self.density * (self.top - self.bottom + 1)))

    def newest(self, wanted: int) -> list[int]:
        """Up to `wanted` matching ids, highest first (reading further slices as needed)."""
        self.start(wanted)
        while len(self.ids) < wanted and not self.complete:
            low = self._next_low(wanted)
            self._took(self._read(low, self.reached, wanted - len(self.ids)), wanted, low)
        return self.ids[:wanted]

    def start(self, wanted: int) -> None:
        """Read the first slice (sized for `wanted` matches), when nothing is read yet."""
        if self.reached <= self.top:
            return
        low = self._next_low(wanted)
        rows, bounds = self._read_with_bounds(low, wanted)
        if bounds != (self.top, self.bottom):
            # Stories were indexed or removed since these bounds were read: read the slice
            # again on the index as it is.
            _remember_bounds(bounds)
            if bounds is None:
                self.reached = self.bottom
                return
            self.top, self.bottom = bounds
            self.reached = self.top + 1
            low = self._next_low(wanted)
            rows = self._read(low, self.reached, wanted)
        self._took(rows, wanted, low)

    def _next_low(self, wanted: int) -> int:
        """Lowest id of the next slice to read for `wanted` matches."""
        span = wanted * FIRST_SLICE_PER_MATCH
        if self.ids:
            span = math.ceil((wanted - len(self.ids)) / self.density * SLICE_MARGIN)
        elif self.reached <= self.top:  # none in the first slice: a rare word
            span = self.reached - self.bottom
        low = self.reached - span
        if low - self.bottom < span:
            # Few ids would be left below: read them all now. For a rare word that is
            # the GIN bitmap alone (no range bitmap), and its few rows.
            low = self.bottom
        return low

    def _took(self, rows: list[int], wanted: int, low: int) -> None:
        """`rows`, highest first, are the matches read from `low` up to `reached`, or the
        highest of them when they fill `wanted`."""
        self.ids += rows
        self.reached = rows[-1] if len(self.ids) >= wanted else low

    def _read_with_bounds(self, low: int, limit: int) -> tuple[list[int], tuple | None]:
        """The first slice, as `_read` reads it, and the index's bounds as they are now, in
        one statement."""
        sql, params = self._slice_sql(low, self.reached, limit)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 0, story_id FROM ({sql}) AS slice UNION ALL "
                f"SELECT 1, max(story_id) FROM {self.table} UNION ALL "
                f"SELECT 2, min(story_id) FROM {self.table}",
                params,
            )
            rows = cursor.fetchall()
        found = sorted((pk for kind, pk in rows if kind == 0), reverse=True)
        top, bottom = (next(pk for kind, pk in rows if kind == end) for end in (1, 2))
        return found, None if top is None else (top, bottom)

    def _read(self, low: int, high: int, limit: int) -> list[int]:
        sql, params = self._slice_sql(low, high, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def _slice_sql(self, low: int, high: int, limit: int) -> tuple[str, list]:
        """SQL for up to `limit` matches with ids in [low, high), highest first."""
        # A wide slice is read by its markers. Otherwise, in the first slice the planner
        # may walk the ids newest first, checking each row, and stop at `limit` (a very
        # common word; with markers it never does: the markers of the newest ids cost a
        # word in 50,000 stories a tenth of its bitmap, a word in four stories a few
        # hundred more rows to read). Further slices are there because matches are
        # sparse: "+ 0" leaves it the bitmaps (a phrase's rows are costly to check, and
        # its planner estimate is far too high to be trusted with a walk).
        first = high > self.top
        where, params = self._where([(low, high)], marked=self._wide(low, high))
        order = "story_id" if first else "story_id + 0"
        return (
            f"SELECT story_id FROM {self.table} WHERE {where} ORDER BY {order} DESC LIMIT %s",
            [*params, limit],
        )

    def _wide(self, low: int, high: int) -> bool:
        # Down to the oldest id, the range is the rest of the matches: no markers (a rare
        # word's few rows).
        return high - low >= MARKED_RANGE and low > self.bottom

    def _where(
        self, ranges: list[tuple[int, int]], *, marked: bool, within: tuple | None = None
    ) -> tuple[str, list]:
        """The condition for matches with ids in `ranges` (`within`: its SQL and parameters,
        if not _within's), and its parameters; `marked`, found by the ranges' markers
        inside the GIN index."""
        within, bounds = within or _within(ranges, marked)
        if not marked:
            return f"{self.match} AND {within}", [*self.params, *bounds]
        markers = f"{self.table}.document @@ %s::tsquery"
        return f"{self.match} AND {markers} AND {within}", [
            *self.params,
            id_markers(ranges),
            *bounds,
        ]

    def sample(self, passes: str, passes_params: list, size: int) -> tuple[int, int, float]:
        """Matches in id ranges spread evenly over the archive (SAMPLE_RANGES of them, or
        whole marked stretches), sized to hold about `size` of them; how many of those
        pass `passes` (SQL on the row's story_id); and the share of the archive's ids the
        ranges cover."""
        ranges, bits = self._sample_ranges(size)
        marked = bits is not None
        if not marked and _ids_in(ranges) < WALKED_SAMPLE:
            # A common word's few ids: each row is checked ("IS TRUE" keeps the GIN index
            # out), where the planner would decode the word's whole list to AND with them
            # (75,000 matches: 13 ms, against 2 for the ranges' 1,500 rows).
            within, bounds = _within(ranges, marked=False)
            where, params = f"({self.match}) IS TRUE AND {within}", [*self.params, *bounds]
        else:
            where, params = self._where(ranges, marked=marked, within=_within(ranges, marked, bits))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {passes}) FROM {self.table} "
                f"WHERE {where}",
                [*passes_params, *params],
            )
            sampled, passed = cursor.fetchone()
        return sampled, passed, self._covered(ranges)

    def newest_and_sample(
        self, wanted: int, passes: str, passes_params: list, size: int
    ) -> tuple[int, int, float]:
        """The next slice `newest(wanted)` would read and `sample(…)`, in one statement:
        PostgreSQL builds the query's GIN bitmap, the costliest part of either (a
        thousand matches decoded per millisecond), once for both. The sample is sized
        from the density read so far; a sample in whole marked stretches of ids makes the
        statement read the slice by its markers too."""
        ranges, bits = self._sample_ranges(size)
        marked = bits is not None
        low, high = self._next_low(wanted), self.reached
        in_sample, bounds = _within(ranges, marked, bits)
        in_slice, slice_bounds = _within([(low, high)], marked)
        where, params = self._where(
            [(low, high), *ranges],
            marked=marked,
            within=(f"({in_slice} OR {in_sample})", [*slice_bounds, *bounds]),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT story_id, CASE WHEN {in_sample} THEN {passes} END FROM {self.table} "
                f"WHERE {where}",
                [*bounds, *passes_params, *params],
            )
            rows = cursor.fetchall()
        in_slice = sorted((pk for pk, _passes in rows if low <= pk < high), reverse=True)
        self._took(in_slice[: wanted - len(self.ids)], wanted, low)
        sampled = [passes for _pk, passes in rows if passes is not None]
        return len(sampled), sum(sampled), self._covered(ranges)

    def _sample_ranges(self, size: int) -> tuple[list[tuple[int, int]], int | None]:
        """The sample's id ranges; and, when they are whole marked stretches of 2 ** bits
        ids (to be read by their markers), the bits."""
        span = self.top - self.bottom + 1
        ids = math.ceil(size / max(self.density, 1 / span))  # ids holding `size` matches
        if ids >= span:
            return [(self.bottom, self.top + 1)], None
        if ids >= SAMPLE_STRETCHES_FROM << FINE_BITS:
            # The finest marked stretches of which no more than MAX_STRETCHES hold the
            # sample, spread evenly.
            bits = next(
                bits
                for bits in sorted(ID_MARKER_BITS)
                if round(ids / (1 << bits)) <= MAX_STRETCHES or bits == max(ID_MARKER_BITS)
            )
            first, last = self.bottom >> bits, self.top >> bits
            count = max(1, min(last - first + 1, round(ids / (1 << bits))))
            every = (last - first + 1) / count
            picked = [first + int(every * (i + 0.5)) for i in range(count)]
            bounds = [(n << bits, (n + 1) << bits) for n in picked]
            ranges = [(max(low, self.bottom), min(high, self.top + 1)) for low, high in bounds]
            return ranges, bits
        width = math.ceil(ids / SAMPLE_RANGES)
        stretch = span / SAMPLE_RANGES
        offset = (stretch - width) / 2
        starts = [self.bottom + int(stretch * i + offset) for i in range(SAMPLE_RANGES)]
        return [(start, start + width) for start in starts], None

    def _covered(self, ranges: list[tuple[int, int]]) -> float:
        """Share of the archive's ids in `ranges`."""
        return _ids_in(ranges) / (self.top - self.bottom + 1)


def _ids_in(ranges: list[tuple[int, int]]) -> int:
    return sum(high - low for low, high in ranges)


# The index's bounds as this process last read them, by database name. A search reads its
# first slice on them and, in the same statement, the bounds as they are now; only when
# those differ (stories indexed or removed since) is the slice read again. Before, every
# search spent a statement on the bounds alone.
_known_bounds: dict[str, tuple[int, int] | None] = {}


def index_bounds(table: str) -> tuple[int, int] | None:
    """Highest and lowest story id in the index (None when it is empty), as last read in
    this process: perhaps out of date, which the first slice read on them finds out."""
    known = _known_bounds.get(connection.settings_dict["NAME"])
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(story_id), min(story_id) FROM {table}")
            top, bottom = cursor.fetchone()
        known = _remember_bounds(None if top is None else (top, bottom))
    return known


def _remember_bounds(bounds: tuple[int, int] | None) -> tuple[int, int] | None:
    _known_bounds[connection.settings_dict["NAME"]] = bounds
    return bounds
