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
"""

# SQL here is assembled from the backend's table name and match condition; whatever a
# user typed is in the parameters.
# ruff: noqa: S608

import math
from dataclasses import dataclass, field

from django.db import connection

# The first slice holds this many ids per match wanted: one slice is enough for a word
# in one story in 24 or more, the common words that would otherwise cost the most.
FIRST_SLICE_PER_MATCH = 24
# Further slices get this much room over what the density so far says they need.
SLICE_MARGIN = 1.3
# The count's sample is taken from this many ranges, one in each equal stretch of ids, so
# that old and new stories are sampled alike (date filters are judged fairly).
SAMPLE_RANGES = 16


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
        while len(self.ids) < wanted and not self.complete:
            low = self._next_low(wanted)
            self._took(self._read(low, self.reached, wanted - len(self.ids)), wanted, low)
        return self.ids[:wanted]

    def start(self, wanted: int) -> None:
        """Read the first slice (sized for `wanted` matches), when nothing is read yet."""
        if self.reached > self.top:
            low = self._next_low(wanted)
            self._took(self._read(low, self.reached, wanted), wanted, low)

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

    def _read(self, low: int, high: int, limit: int) -> list[int]:
        # In the first slice the planner may walk the ids newest first, checking each row,
        # and stop at `limit` (a very common word). Further slices are there because
        # matches are sparse: "+ 0" leaves it the bitmaps (a phrase's rows are costly to
        # check, and its planner estimate is far too high to be trusted with a walk).
        order = "story_id" if high > self.top else "story_id + 0"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT story_id FROM {self.table} WHERE {self.match} "
                f"AND story_id >= %s AND story_id < %s ORDER BY {order} DESC LIMIT %s",
                [*self.params, low, high, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def sample(self, passes: str, passes_params: list, size: int) -> tuple[int, int, float]:
        """Matches in SAMPLE_RANGES id ranges spread over the archive, sized to hold about
        `size` of them; how many of those pass `passes` (SQL on the row's story_id); and
        the share of the archive's ids the ranges cover."""
        ranges, within, bounds = self._sample_ranges(size)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {passes}) FROM {self.table} "
                f"WHERE {self.match} AND ({within})",
                [*passes_params, *self.params, *bounds],
            )
            sampled, passed = cursor.fetchone()
        return sampled, passed, self._covered(ranges)

    def newest_and_sample(
        self, wanted: int, passes: str, passes_params: list, size: int
    ) -> tuple[int, int, float]:
        """The next slice `newest(wanted)` would read and `sample(…)`, in one statement:
        PostgreSQL builds the query's GIN bitmap, the costliest part of either (a
        thousand matches decoded per millisecond), once for both. The sample is sized
        from the density read so far."""
        ranges, within, bounds = self._sample_ranges(size)
        low, high = self._next_low(wanted), self.reached
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT story_id, CASE WHEN {within} THEN {passes} END FROM {self.table} "
                f"WHERE {self.match} AND ((story_id >= %s AND story_id < %s) OR {within})",
                [*bounds, *passes_params, *self.params, low, high, *bounds],
            )
            rows = cursor.fetchall()
        in_slice = sorted((pk for pk, _passes in rows if low <= pk < high), reverse=True)
        self._took(in_slice[: wanted - len(self.ids)], wanted, low)
        sampled = [passes for _pk, passes in rows if passes is not None]
        return len(sampled), sum(sampled), self._covered(ranges)

    def _sample_ranges(self, size: int) -> tuple[list[tuple[int, int]], str, list[int]]:
        """The sample's id ranges, the SQL condition for a row in one, and its parameters."""
        span = self.top - self.bottom + 1
        width = math.ceil(size / max(self.density, 1 / span) / SAMPLE_RANGES)
        if width * SAMPLE_RANGES >= span:
            ranges = [(self.bottom, self.top + 1)]
        else:
            stretch = span / SAMPLE_RANGES
            offset = (stretch - width) / 2
            starts = [self.bottom + int(stretch * i + offset) for i in range(SAMPLE_RANGES)]
            ranges = [(start, start + width) for start in starts]
        within = " OR ".join(["(story_id >= %s AND story_id < %s)"] * len(ranges))
        return ranges, f"({within})", [bound for pair in ranges for bound in pair]

    def _covered(self, ranges: list[tuple[int, int]]) -> float:
        """Share of the archive's ids in `ranges`."""
        return sum(high - low for low, high in ranges) / (self.top - self.bottom + 1)


def index_bounds(table: str) -> tuple[int, int] | None:
    """Highest and lowest story id in the index (None when it is empty)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(story_id), min(story_id) FROM {table}")
        top, bottom = cursor.fetchone()
    return None if top is None else (top, bottom)
