"""Per-day story counts for every story list (archive, section, tag, author), and their
totals per month.

Numbered pages are located from these counts (see services/pages.py). A count covers
stories whose status may make them visible (published or scheduled, not in the trash),
whatever their time: the reading side counts only past days from here and counts today
live, so a scheduled story joins the pages by the clock alone.

A month's total is the sum of the list's day counts in that month, recomputed from them
whenever one of them is (in the same transaction), so the two always agree.

The content services recompute the (list, day) pairs a change touched (services/list_moves.py)
inside the writer's transaction and under a row lock, so concurrent writers cannot lose an
update; bulk writers defer it to the end of their batch (services/upkeep.py). Writes that
bypass the services (`QuerySet.update`, raw SQL, bulk inserts) must be followed by
`newsdesk recount-pages` (`rebuild_counts`).
"""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate

from newsdesk.content.models import (
    LIVE_STATUSES,
    Byline,
    PageCount,
    PageMonthCount,
    Person,
    Section,
    Story,
    Tag,
)
from newsdesk.content.services import upkeep
from newsdesk.editions.config import editions

ALL = "all"


def section_key(section_id) -> str:
    return f"section:{section_id}"


def tag_key(tag_id) -> str:
    return f"tag:{tag_id}"


def author_key(person_id) -> str:
    return f"author:{person_id}"


def edition_key(code) -> str:
    """An edition's own story list (its archive) on a site of several editions."""
    return f"edition:{code}"


def edition_keys(code) -> set[str]:
    """The edition list a story counts in: none on a site of one edition, whose archive is
    the whole site's ("all"). Adding editions to a site asks for `recount_pages` once."""
    return {edition_key(code)} if len(editions()) > 1 else set()


def list_key_of(instance) -> str | None:
    """The story list a section, tag or person heads (None for anything else)."""
    keys = {Section: section_key, Tag: tag_key, Person: author_key}
    make = keys.get(type(instance))
    return make(instance.pk) if make else None


def forget_list(list_key: str) -> None:
    """Drop a list's day and month counts: its section, tag or person is being deleted."""
    PageCount.objects.filter(list_key=list_key).delete()
    PageMonthCount.objects.filter(list_key=list_key).delete()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def day_of(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def month_of(day: date) -> date:
    """The month a day is in, as its first day."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def counted_stories() -> QuerySet[Story]:
    """Stories a count covers: those whose status lets them be read once their time comes."""
    return Story.objects.filter(
        status__in=LIVE_STATUSES, deleted_at__isnull=True, published_at__isnull=False
    )


def list_condition(list_key: str) -> Q:
    """The list as a condition on one story row (tags and bylines as EXISTS, so that
    several lists can be counted in one query without joins multiplying rows)."""
    kind, _, ident = list_key.partition(":")
    if kind == ALL:
        return Q()
    if kind == "edition":
        return Q(edition=ident)
    if kind == "section":
        return Q(section_id=int(ident))
    if kind == "tag":
        tagged = Story.tags.through.objects.filter(story_id=OuterRef("pk"), tag_id=int(ident))
        return Q(Exists(tagged))
    if kind == "author":
        return Q(Exists(Byline.objects.filter(story_id=OuterRef("pk"), person_id=int(ident))))
    raise ValueError(f"Unknown story list {list_key!r}")


def list_filter(queryset: QuerySet[Story], list_key: str) -> QuerySet[Story]:
    kind, _, ident = list_key.partition(":")
    if kind == ALL:
        return queryset
    if kind == "edition":
        return queryset.filter(edition=ident)
    if kind == "section":
        return queryset.filter(section_id=int(ident))
    if kind == "tag":
        return queryset.filter(tags__id=int(ident))
    if kind == "author":
        return queryset.filter(byline__person_id=int(ident))
    raise ValueError(f"Unknown story list {list_key!r}")


def linked_lists(story_id: int) -> frozenset[str]:
    """The tag and author lists of a story, read in one query."""
    tags = Story.tags.through.objects.filter(story_id=story_id).values_list(Value("tag"), "tag_id")
    people = (
        Byline.objects.filter(story_id=story_id)
        .order_by()
        .values_list(Value("author"), "person_id")
    )
    return frozenset(
        tag_key(pk) if kind == "tag" else author_key(pk)
        for kind, pk in tags.union(people, all=True)
    )


def story_lists(story_id: int) -> tuple[datetime | None, set[str]]:
    """The publication time and the lists a story counts in now, read from the database."""
    row = (
        counted_stories()
        .filter(pk=story_id)
        .values("published_at", "section_id", "edition")
        .first()
    )
    if row is None:
        return None, set()
    keys = {ALL, *edition_keys(row["edition"]), *linked_lists(story_id)}
    if row["section_id"]:
        keys.add(section_key(row["section_id"]))
    return row["published_at"], keys


def pairs_of_stories(story_ids) -> set[tuple[str, date]]:
    """The (list, day) pairs the given stories count in now: story_lists for many at once."""
    ids, pairs = sorted(story_ids), set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stories = counted_stories().filter(pk__in=chunk)
        days, keys = {}, {}
        rows = stories.values_list("pk", "published_at", "section_id", "edition")
        for pk, moment, section_id, edition in rows:
            days[pk], keys[pk] = day_of(moment), {ALL, *edition_keys(edition)}
            if section_id:
                keys[pk].add(section_key(section_id))
        links = Story.tags.through.objects.filter(story_id__in=days)
        for story_id, tag_id in links.values_list("story_id", "tag_id"):
            keys[story_id].add(tag_key(tag_id))
        bylines = Byline.objects.filter(story_id__in=days)
        for story_id, person_id in bylines.values_list("story_id", "person_id"):
            keys[story_id].add(author_key(person_id))
        pairs |= {(key, days[pk]) for pk in days for key in keys[pk]}
    return pairs


def recount(pairs) -> None:
    """Recount the given (list_key, day) pairs from the stories table, and then the totals
    of their months from the day counts."""
    if upkeep.deferring():
        upkeep.defer_pairs(pairs)
        return
    pairs = sorted(set(pairs))  # a fixed lock order keeps concurrent writers from deadlocking
    if not pairs:
        return
    # Every day row is locked before any month row, each kind in sorted order: writers
    # touching the same rows take them in the same order, so none waits on another in a ring.
    months = sorted({(list_key, month_of(day)) for list_key, day in pairs})
    with transaction.atomic(savepoint=False):
        _lock_rows(PageCount, "day", pairs)
        for list_key, day in pairs:
            start = day_start(day)
            stories = list_filter(counted_stories(), list_key).filter(
                published_at__gte=start, published_at__lt=start + timedelta(days=1)
            )
            _set(PageCount, _counted(stories, "id", "COUNT"), list_key=list_key, day=day)
        # Summed under the months' locks, so after any other writer of these months has
        # committed its days (PostgreSQL reads each statement's data afresh).
        _lock_rows(PageMonthCount, "month", months)
        for list_key, month in months:
            days = PageCount.objects.filter(
                list_key=list_key, day__gte=month, day__lt=next_month(month)
            )
            _set(PageMonthCount, _counted(days, "stories", "SUM"), list_key=list_key, month=month)


def _counted(queryset: QuerySet, column: str, function: str) -> Coalesce:
    """COUNT or SUM of `column` over `queryset`, as a subquery an UPDATE can set."""
    one = queryset.order_by().annotate(n=Func(F(column), function=function)).values("n")
    return Coalesce(Subquery(one), 0)


def _lock_rows(model, period: str, keys: list[tuple]) -> None:
    """Lock the count rows for these (list_key, period) keys, in key order, in one query;
    rows missing are made first. Holding the locks serializes writers of the same counts
    (PostgreSQL), and the UPDATEs that count start after the locks are taken, so they see
    every writer that held them before."""
    wanted = Q()
    for list_key, moment in keys:
        wanted |= Q(list_key=list_key, **{period: moment})
    rows = model.objects.select_for_update().filter(wanted).order_by("list_key", period)
    found = set(rows.values_list("list_key", period))
    missing = [key for key in keys if key not in found]
    for list_key, moment in missing:
        try:
            with transaction.atomic():
                model.objects.create(list_key=list_key, **{period: moment})
        except IntegrityError:  # another writer made it first; it exists now
            pass
    if missing:
        list(rows.values_list("pk"))


def _set(model, value, **key) -> None:
    model.objects.filter(**key).update(stories=value)


def rebuild_counts() -> int:
    """Recompute every day count and month total from scratch (after bulk loads or writes
    that skip the services); returns how many day counts there are."""
    day = TruncDate("published_at", tzinfo=UTC)
    rows = []
    base = counted_stories()
    for item in base.values(d=day).annotate(n=Count("id")).order_by():
        rows.append(PageCount(list_key=ALL, day=item["d"], stories=item["n"]))
    for item in base.values("edition", d=day).annotate(n=Count("id")).order_by():
        rows += [
            PageCount(list_key=key, day=item["d"], stories=item["n"])
            for key in edition_keys(item["edition"])
        ]
    for item in (
        base.filter(section__isnull=False)
        .values("section_id", d=day)
        .annotate(n=Count("id"))
        .order_by()
    ):
        rows.append(
            PageCount(list_key=section_key(item["section_id"]), day=item["d"], stories=item["n"])
        )
    # One join per link table: a filter() on a to-many relation after values() would join it
    # a second time and count a story with three tags three times in each of its tags.
    for item in base.values("tags__id", d=day).annotate(n=Count("id")).order_by():
        if item["tags__id"] is not None:
            rows.append(
                PageCount(list_key=tag_key(item["tags__id"]), day=item["d"], stories=item["n"])
            )
    for item in base.values("byline__person_id", d=day).annotate(n=Count("id")).order_by():
        if item["byline__person_id"] is not None:
            rows.append(
                PageCount(
                    list_key=author_key(item["byline__person_id"]), day=item["d"], stories=item["n"]
                )
            )
    totals = Counter()
    for row in rows:
        totals[row.list_key, month_of(row.day)] += row.stories
    months = [PageMonthCount(list_key=k, month=m, stories=n) for (k, m), n in totals.items()]
    with transaction.atomic():
        PageCount.objects.all().delete()
        PageMonthCount.objects.all().delete()
        PageCount.objects.bulk_create(rows, batch_size=5000)
        PageMonthCount.objects.bulk_create(months, batch_size=5000)
    return len(rows)
