"""What to purge when a story changes: its page, the home page, feeds and sitemaps, the
list pages that show it, and, in every list it joined, left or moved in, the pages from its
position on (they all shift by one). Nothing else.

Also keeps the cache honest about time: scheduled stories go live by the clock and the
date line changes at midnight, with no event; `purge_due` catches both.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from newsdesk.content.models import Story
from newsdesk.content.services import pagecounts, upkeep
from newsdesk.content.services.pages import page_of
from newsdesk.content.signals import story_published, story_unpublished, story_updated
from newsdesk.public.pagecache import store

ALWAYS = ("home", "feeds", "sitemaps")


def story_key(story_id) -> str:
    return f"story-{story_id}"


def purge_story(story: Story, moved: bool) -> None:
    """Purge what shows `story`; with `moved`, also every list page from its position on."""
    if not store.enabled():
        return
    if upkeep.deferring():
        upkeep.at_end("pagecache", store.purge_all)
        return
    before_at, before_lists = getattr(story, "lists_before_save", (None, set()))
    after_at, after_lists = pagecounts.story_lists(story.pk)
    touched = getattr(story, "lists_touched", set())
    store.purge_keys([story_key(story.pk), *ALWAYS])
    changed = (before_lists ^ after_lists) | touched
    if moved or before_at != after_at:
        changed |= before_lists | after_lists
    moments = [m for m in (before_at, after_at, story.published_at) if m is not None]
    for list_key in changed:
        first = min(page_of(list_key, moment, story.pk) for moment in moments) if moments else 1
        store.purge_list_from(list_key, first)
    story.lists_touched = set()


def _published(sender, story, **kwargs):
    purge_story(story, moved=True)


def _unpublished(sender, story, **kwargs):
    purge_story(story, moved=True)


def _updated(sender, story, **kwargs):
    purge_story(story, moved=False)


def next_due(now: datetime) -> datetime:
    """The next scheduled story's time, or the next midnight (the date line), if sooner."""
    local = timezone.localtime(now)
    midnight = timezone.make_aware(
        datetime.combine(local.date() + timedelta(days=1), time.min), local.tzinfo
    )
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
    crossed_midnight = timezone.localdate(due) != timezone.localdate(now) or (
        timezone.localtime(due).time() == time.min
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


def _story_saved(sender, instance, raw=False, **kwargs):
    """Any save, even one that skips the publishing service (the admin), purges after commit;
    and a story scheduled sooner than the cache's next due time brings that time forward."""
    if raw or not store.enabled():
        return
    _, lists_before = getattr(instance, "lists_before_save", (None, set()))
    if upkeep.deferring():  # a bulk import: one whole purge at its end
        upkeep.at_end("pagecache", store.purge_all)
    elif lists_before or instance.is_live:
        # After commit: purging earlier would let a reader cache the old row again.
        transaction.on_commit(lambda: purge_story(instance, moved=False))
    due = store.due()
    if instance.published_at and due and timezone.now() < instance.published_at < due:
        store.set_due(instance.published_at)


def _story_deleted(sender, instance, **kwargs):
    if not store.enabled():
        return
    moment, lists = getattr(instance, "_pagecount_before", (None, set()))
    pk = instance.pk

    def purge():
        store.purge_keys([story_key(pk), *ALWAYS])
        for list_key in lists if moment else ():
            store.purge_list_from(list_key, page_of(list_key, moment, pk))

    transaction.on_commit(purge)


def connect():
    uid = "newsdesk.pagecache"
    story_published.connect(_published, sender=Story, dispatch_uid=f"{uid}.published")
    story_unpublished.connect(_unpublished, sender=Story, dispatch_uid=f"{uid}.unpublished")
    story_updated.connect(_updated, sender=Story, dispatch_uid=f"{uid}.updated")
    post_save.connect(_story_saved, sender=Story, dispatch_uid=f"{uid}.saved")
    post_delete.connect(_story_deleted, sender=Story, dispatch_uid=f"{uid}.deleted")
