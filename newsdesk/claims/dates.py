"""When a figure was given, as agency copy says it ("on Monday", "March 4", "4 March",
"yesterday"), resolved against the story's publication date: a weekday is the latest one
on or before that date, a day of a month without a year is in the year that puts it on or
before that date (a story of January 3 saying "December 30" means last year's)."""

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
WHEN = re.compile(
    rf"""\b(?:
        (?:on\s+)?(?P<weekday>{"|".join(WEEKDAYS)})\b
      | (?:on\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>(?:19|20)\d\d))?
      | (?:on\s+)?(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\b(?:\s+(?P<year2>(?:19|20)\d\d))?
      | (?P<relative>yesterday|today|on\s+the\s+same\s+day)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def _day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(match: re.Match, published: date) -> date | None:
    if match["weekday"]:
        back = (published.weekday() - WEEKDAYS.index(match["weekday"].lower())) % 7
        return published - timedelta(days=back)
    if match["relative"]:
        return published - timedelta(days=1 if match["relative"].lower() == "yesterday" else 0)
    month = MONTH_NUMBERS[(match["month"] or match["month2"]).lower()]
    day = int(match["day"] or match["day2"])
    year = match["year"] or match["year2"]
    if year:
        return _day_of(int(year), month, day)
    found = _day_of(published.year, month, day)
    if found and found > published + timedelta(days=1):
        found = _day_of(published.year - 1, month, day)
    return found


def find_dates(text: str, published: date | None):
    """(start, end, date) for each date expression in `text`."""
    if published is None:
        return
    for match in WHEN.finditer(text):
        resolved = resolve(match, published)
        if resolved:
            yield match.start(), match.end(), resolved
