"""Numbered pages of a story list ("Home › Blog › Page 556"), newest first."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import PageCount, PageMonthCount
from newsdesk.content.services.pagecounts import (
    day_of,
    day_start,
    list_condition,
    list_filter,
    month_of,
    next_month,
)
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import live_stories


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


# A list's past, newest first, in as few rows as the place sought allows: this month's days
# up to today, then earlier months' totals down to the month sought, then that month's days.
# Page 1,900 of 20,000 stories reads some 80 rows, where a walk over every day read 1,700.
def days_between(key, start, end):
    """The list's counted days from `start` (None: its first) up to, not including, `end`,
    newest first."""
    days = PageCount.objects.filter(list_key=key, day__lt=end, stories__gt=0)
    if start is not None:
        days = days.filter(day__gte=start)
    return days.order_by("-day")


def months_before(key, month):
    """The list's counted months before `month` (a first day), newest first."""
    return PageMonthCount.objects.filter(list_key=key, month__lt=month, stories__gt=0).order_by(
        "-month"
    )


_newest_days = Prepared(
    lambda key, today, count: days_between(key, None, today).values_list("day", "stories")[:count]
)
_days = Prepared(
    lambda key, start, end: days_between(key, start, end).values_list("day", "stories")
)
# Stories counted from a day `after` up to today: the rest of its month (up to
# `month_after`), the months after it up to this one, and this month's days before today.
_stories_between = Prepared(
    lambda key, after, month_after, this_month, today: (
        days_between(key, after, month_after).order_by().values_list("stories"),
        months_before(key, this_month)
        .filter(month__gte=month_after)
        .order_by()
        .values_list("stories"),
        days_between(key, this_month, today).order_by().values_list("stories"),
    ),
    wrap="SELECT (SELECT COALESCE(SUM(stories), 0) FROM ({0}) AS rest_of_month)"
    " + (SELECT COALESCE(SUM(stories), 0) FROM ({1}) AS months)"
    " + (SELECT COALESCE(SUM(stories), 0) FROM ({2}) AS this_month)",
)


def _walk(rows, positions: list[int], running: int):
    """Walk (period, stories) rows newest first, `running` stories of the list before the
    first: for each of `positions` (ascending) reached, the period holding it and how many
    stories come before that period."""
    found, left = {}, list(positions)
    for period, stories in rows:
        while left and left[0] < running + stories:
            found[left.pop(0)] = (period, running)
        running += stories
        if not left:
            break
    return found, running


def past_periods(key, today, with_days: bool = True):
    """The list's past before `today`, newest first, in one query: this month's days (if
    `with_days`), then earlier months' totals. Day rows fall in this month, month rows
    (first days) before it, so a row's date says which it is."""
    this_month = month_of(today)
    months = months_before(key, this_month).order_by().values_list("month", "stories")
    if not with_days:
        return months.order_by("-month")
    days = days_between(key, this_month, today).order_by().values_list("day", "stories")
    return days.union(months, all=True).order_by("-day")


def days_holding(list_key: str, today, positions, this_month_past=None) -> dict[int, tuple]:
    """For each position in a list's past (0: its newest story before `today`), the day
    holding it and how many of the list's past stories are newer than that day. A position
    past the list's end (or where the counts disagree) is left out. Given how many of the
    list's stories this month holds before today, this month's days are skipped when no
    position falls among them.

    Two queries at most wherever the positions lie (this month or years back): the past's
    periods, then the days of the months holding positions."""
    positions = sorted(set(positions))
    this_month = month_of(today)
    if this_month_past is not None and positions[0] >= this_month_past:
        rows, running = past_periods(list_key, today, with_days=False), this_month_past
    else:
        rows, running = past_periods(list_key, today), 0
    reached, _ = _walk(rows, positions, running)
    found = {p: place for p, place in reached.items() if place[0] >= this_month}
    in_months = {p: place for p, place in reached.items() if place[0] < this_month}
    if in_months:
        (newest, before), oldest = max(in_months.values()), min(in_months.values())[0]
        days = _days.rows(key=list_key, start=oldest, end=next_month(newest))
        found.update(_walk(days, sorted(in_months), before)[0])
    return found


def locate_page(
    list_key: str,
    number: int,
    per_page: int,
    today,
    fresh: int,
    past: int,
    days=True,
    this_month_past: int | None = None,
) -> PagePlace:
    """Page `number` of a list with `fresh` stories today and `past` before (of which
    `this_month_past` this month, if known), located from the per-day counts; with `days`
    false, only checked (no day window: the page's rows are read from the list's start)."""
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
        # The page's first and last stories among the past days' (the first may be today's).
        first_past, last_past = first - fresh, last - 1 - fresh
        positions = [last_past] + ([first_past] if first >= fresh else [])
        found = days_holding(list_key, today, positions, this_month_past)
        if first >= fresh and first_past in found:
            day, newer = found[first_past]
            upper, skip = day_start(day) + timedelta(days=1), first_past - newer
        if last_past in found:
            lower = day_start(found[last_past][0])
    return PagePlace(num_pages, skip, upper, lower)


def pages_of(list_keys, published_at, pk: int, now=None) -> dict[str, int]:
    """`page_of` for several lists at once: a story of today (a publish, most changes) is
    placed in all of them by one query counting the newer stories of each; an older one
    list by list, from the day counts."""
    now = now or timezone.now()
    list_keys = list(list_keys)
    if not list_keys or day_of(published_at) < day_of(now):
        return {key: page_of(key, published_at, pk, now=now) for key in list_keys}
    newer = live_stories(now).filter(
        Q(published_at__gt=published_at) | Q(published_at=published_at, pk__gt=pk)
    )
    counts = newer.aggregate(
        **{f"in_{n}": Count("pk", filter=list_condition(key)) for n, key in enumerate(list_keys)}
    )
    return {key: counts[f"in_{n}"] // page_size() + 1 for n, key in enumerate(list_keys)}


def page_of(list_key: str, published_at, pk: int, per_page: int | None = None, now=None) -> int:
    """The page a story at (`published_at`, `pk`) falls on in a list, whether or not it is
    in it now: the pages from here on shift when it joins or leaves the list."""
    per_page = per_page or page_size()
    now = now or timezone.now()
    today = day_of(now)
    stories = list_filter(live_stories(now), list_key)
    newer_at_once = Q(published_at__gt=published_at) | Q(published_at=published_at, pk__gt=pk)
    day = day_of(published_at)
    if day >= today:
        newer = stories.filter(newer_at_once).count()
    else:
        if month_of(day) == month_of(today):  # the days between are all this month's
            bounds = {"month_after": today, "this_month": today}
        else:
            bounds = {"month_after": next_month(month_of(day)), "this_month": month_of(today)}
        newer = (
            stories.filter(published_at__gte=day_start(today)).count()
            + _stories_between.value(
                key=list_key, after=day + timedelta(days=1), today=today, **bounds
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
    # Each counted day holds a story at least, so this reads `wanted` days at most whatever
    # the depth (an API cursor moves `before`): one query, where months would take three.
    days = _newest_days.iterate(32, key=list_key, today=today, count=Limit(wanted))
    found, _ = _walk(days, [wanted - 1], 0)
    return found[wanted - 1][0] if found else None
