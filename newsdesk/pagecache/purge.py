"""What to purge when a story changes: its page, the home page, feeds and sitemaps, the
list pages that show it, and, in every list it joined, left or moved in, the pages from its
position on (they all shift by one). Nothing else.

Also keeps the cache honest about time: scheduled stories go live by the clock and the
date line changes at midnight, with no event; `purge_due` catches both.
"""

from datetime import datetime, time, timedelta

from django.db.models import Min
from django.utils import timezone

from newsdesk.content import changes
from newsdesk.content.models import Story
from newsdesk.content.services import pagecounts, upkeep
from newsdesk.content.services.pages import pages_of
from newsdesk.editions.config import editions
from newsdesk.pagecache import store

ALWAYS = ("home", "feeds", "sitemaps")


def story_key(story_id) -> str:
    return f"story-{story_id}"


def live_key(story_id) -> str:
    """Carried by a live blog's page, its update and older-entries fragments and its feed."""
    return f"live-{story_id}"


def purge_story(story: Story, moved: bool, before=(None, ()), after=None) -> None:
    """Purge what shows `story`; with `moved`, also every list page from its position on.
    `before`/`after`: its (publication time, lists) before and after the change (after is
    read now if not given): the lists it joined or left are purged from its position."""
    if not store.enabled():
        return
    if upkeep.deferring():
        upkeep.at_end("pagecache", store.purge_all)
        return
    before_at, before_lists = before
    after_at, after_lists = after or pagecounts.story_lists(story.pk)
    store.purge_keys([story_key(story.pk), *ALWAYS])
    changed = set(before_lists) ^ set(after_lists)
    if moved or before_at != after_at:
        changed |= set(before_lists) | set(after_lists)
    moments = {m for m in (before_at, after_at, story.published_at) if m is not None}
    places = [pages_of(changed, moment, story.pk) for moment in moments] if changed else []
    for list_key in changed:
        store.purge_list_from(list_key, min((place[list_key] for place in places), default=1))


def on_change(change) -> None:
    """The page cache's subscriber to the change pipeline (content/changes.py)."""
    if not store.enabled():
        return
    if isinstance(change, changes.StoryChange):
        _story_changed(change)
    elif isinstance(change, changes.LiveChange):
        # An entry shows on its blog's pages only; a breaking alert on every page.
        if change.story is not None:
            store.purge_keys([live_key(change.story.pk)])
        else:
            store.purge_all()
    elif isinstance(change, changes.BulkChange) and not change.shown:
        return  # nothing readers saw (the trash emptied)
    else:
        # A renamed section, tag or person shows on navigation, cards, breadcrumbs and
        # feeds across the site; an import touches lists everywhere.
        store.purge_all()


def _story_changed(change) -> None:
    story = change.story
    if change.was_live or change.is_live or change.lists_before[1]:
        moved = change.kind != changes.EDITED or change.was_live != change.is_live
        purge_story(story, moved, change.lists_before, change.lists_after)
    # A story scheduled sooner than the cache's next due time brings that time forward.
    due = store.due()
    if story.published_at and due and timezone.now() < story.published_at < due:
        store.set_due(story.published_at)


def _next_midnight(now: datetime, zone) -> datetime:
    local = timezone.localtime(now, zone)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min), zone)


def next_due(now: datetime) -> datetime:
    """The next scheduled story's time, or the next midnight (the date line) of any
    edition's time zone, if sooner."""
    midnight = min(_next_midnight(now, edition.zone) for edition in editions())
    scheduled = (
        pagecounts.counted_stories()
        .filter(published_at__gt=now)
        .aggregate(t=Min("published_at"))["t"]
    )
    return min(midnight, scheduled) if scheduled else midnight


def purge_due(now: datetime | None = None) -> bool:
    """If a scheduled time or midnight has passed since pages were cached, purge for it."""
    now = now or timezone.now()
    due = store.due()
    if due is None or due > now:
        return False
    crossed_midnight = any(
        timezone.localdate(due, zone) != timezone.localdate(now, zone)
        or timezone.localtime(due, zone).time() == time.min
        for zone in {edition.zone for edition in editions()}
    )
    if crossed_midnight:
        store.purge_all()  # every page carries the date line
    else:
        went_live = pagecounts.counted_stories().filter(
            published_at__gte=due, published_at__lte=now
        )
        for story in went_live:
            purge_story(story, moved=True)
    store.set_due(next_due(now))
    return True


def ensure_due(now: datetime | None = None) -> None:
    if store.due() is None:
        store.set_due(next_due(now or timezone.now()))
