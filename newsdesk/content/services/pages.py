"""Numbered pages of a story list ("Home › Blog › Page 556"), newest first."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from newsdesk.content.models import PageCount
from newsdesk.content.services.pagecounts import day_of, day_start
from newsdesk.content.services.prepared import Limit, Prepared

# Day counts fetched per round trip while walking back to a page.
CHUNK_DAYS = 64


class PageNotFound(Exception):
    """The page number is not a page of this list (zero, negative, past the end)."""


@dataclass
class StoryPage:
    number: int
    num_pages: int
    items: list = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to show: first, last and a few around the current; None is a gap."""
        wanted = {1, self.num_pages} | set(
            range(max(1, self.number - around), min(self.num_pages, self.number + around) + 1)
        )
        shown: list[int | None] = []
        for number in sorted(wanted):
            if shown and shown[-1] is not None and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def page_size() -> int:
    return max(1, settings.NEWSDESK_PAGE_SIZE)


def parse_page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise PageNotFound(raw) from None
    if number < 1:
        raise PageNotFound(raw)
    return number


def story_page(queryset: QuerySet, number, per_page: int | None = None) -> StoryPage:
    """Page `number` of `queryset` by COUNT and OFFSET: only for short lists (a story's
    related items); long lists use `lists.story_list_page`, whose cost does not grow with depth."""
    number = parse_page_number(number)
    per_page = per_page or page_size()
    total = queryset.count()
    num_pages = max(1, -(-total // per_page))
    if number > num_pages:
        raise PageNotFound(number)
    start = (number - 1) * per_page
    items = list(queryset[start : start + per_page])
    return StoryPage(number=number, num_pages=num_pages, items=items)


@dataclass
class PagePlace:
    """Where a page of a list lies: its stories are the rows from `skip` on, newest first,
    between `lower` and `upper` (either may be open)."""

    num_pages: int
    skip: int
    upper: datetime | None
    lower: datetime | None


# A list's past days newest first: first their counts alone, walked down to a page (500 of
# them at page 556 of 20,000 stories; a date per row would cost three times as much to read,
# and a running SUM() OVER in SQLite four times), then the dates of the page's days only.
def past_days(key, today):
    return PageCount.objects.filter(list_key=key, day__lt=today, stories__gt=0).order_by("-day")


_day_counts = Prepared(lambda key, today: past_days(key, today).values_list("stories"))
_days_and_counts = Prepared(lambda key, today: past_days(key, today).values_list("day", "stories"))
_days_at = Prepared(
    lambda key, today, start, count: past_days(key, today).values_list("day")[start : start + count]
)


def locate_page(
    list_key: str, number: int, per_page: int, today, fresh: int, past: int, days=True
) -> PagePlace:
    """Page `number` of a list with `fresh` stories today and `past` before, located from
    the per-day counts; with `days` false, only checked (no day window: the page's rows are
    read from the list's start)."""
    today_start = day_start(today)
    total = fresh + past
    num_pages = max(1, -(-total // per_page))
    if number > num_pages:
        raise PageNotFound(number)
    first = (number - 1) * per_page  # how many newer stories come before this page
    last = first + per_page  # the list position just past this page
    upper, lower, skip = None, None, first
    if not days:
        pass
    elif last <= fresh:
        lower = today_start
    else:
        upper_at = lower_at = None  # the positions of the page's first and last days
        running = 0
        counts = _day_counts.iterate(CHUNK_DAYS, key=list_key, today=today)
        for at, (stories,) in enumerate(counts):
            running += stories
            if first >= fresh and upper_at is None and fresh + running > first:
                upper_at, skip = at, first - (fresh + running - stories)
            if fresh + running >= last:
                lower_at = at
                break
        start = lower_at if upper_at is None else upper_at
        if start is not None:
            end = upper_at if lower_at is None else lower_at
            days = _days_at.rows(
                key=list_key, today=today, start=Limit(start), count=Limit(end - start + 1)
            )
            if upper_at is not None:
                upper = day_start(days[0][0]) + timedelta(days=1)
            if lower_at is not None:
                lower = day_start(days[-1][0])
    return PagePlace(num_pages, skip, upper, lower)


def page_of(list_key: str, published_at, pk: int, per_page: int | None = None, now=None) -> int:
    """The page a story at (`published_at`, `pk`) falls on in a list, whether or not it is
    in it now: the pages from here on shift when it joins or leaves the list."""
    from newsdesk.content.services.pagecounts import list_filter
    from newsdesk.content.services.visibility import live_stories

    per_page = per_page or page_size()
    now = now or timezone.now()
    today = day_of(now)
    stories = list_filter(live_stories(now), list_key)
    newer_at_once = Q(published_at__gt=published_at) | Q(published_at=published_at, pk__gt=pk)
    day = day_of(published_at)
    if day >= today:
        newer = stories.filter(newer_at_once).count()
    else:
        newer = (
            stories.filter(published_at__gte=day_start(today)).count()
            + (
                PageCount.objects.filter(list_key=list_key, day__gt=day, day__lt=today).aggregate(
                    n=Sum("stories")
                )["n"]
                or 0
            )
            + stories.filter(
                newer_at_once, published_at__lt=day_start(day) + timedelta(days=1)
            ).count()
        )
    return newer // per_page + 1


def oldest_day_needed(list_key: str, wanted: int, before: datetime):
    """The newest day D such that the days from D up to, not including, the day of `before`
    hold `wanted` stories of the list; None when they never do. Read from D on (with the
    whole of `before`'s day), a list holds its `wanted` newest stories before `before`:
    "newest first, LIMIT n" then reads a few days, not a tag's every story.

    Every story counted on a day before `before`'s (at the latest today) is live by then:
    the counts follow status and trash, and scheduled ones went live when their time
    came. Filters that leave stories out of the list (other than a lower bound on the
    date, which leaves out nothing older than D would not) make its counts too high."""
    today = day_of(min(before, timezone.now()))  # later days count stories not live yet
    running = 0
    for day, stories in _days_and_counts.iterate(CHUNK_DAYS, key=list_key, today=today):
        running += stories
        if running >= wanted:
            return day
    return None
