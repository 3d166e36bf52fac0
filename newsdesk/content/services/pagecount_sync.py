"""Keep per-day page counts right on every model change that can move a story between lists.

Connected in ContentConfig.ready(). Each handler recounts only the (list, day) pairs the
change touched: the story's lists and day before and after the change.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsdesk.content.models import Byline, Story
from newsdesk.content.services import upkeep
from newsdesk.content.services.pagecounts import (
    author_key,
    counted_stories,
    day_of,
    recount,
    story_lists,
    tag_key,
)


def _pairs(state):
    moment, keys = state
    return {(key, day_of(moment)) for key in keys} if moment else set()


def _story_before(sender, instance, **kwargs):
    instance._pagecount_before = story_lists(instance.pk) if instance.pk else (None, set())


def _story_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_pagecount_before", (None, set()))
    if upkeep.deferring():  # a bulk import: the lists after are read once, at its end
        instance.lists_before_save = before
        upkeep.defer_pairs(_pairs(before))
        upkeep.defer_story(instance.pk)
        return
    after = story_lists(instance.pk)
    # The change pipeline tells the page cache both, to purge from the story's old position.
    instance.lists_before_save = before
    instance.lists_after_save = after
    if before != after:  # a plain edit (headline, body) moves nothing
        recount(_pairs(before) | _pairs(after))


def _story_after_delete(sender, instance, **kwargs):
    recount(_pairs(getattr(instance, "_pagecount_before", (None, set()))))


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and action in ("pre_add", "post_add") and upkeep.deferring():
        upkeep.defer_story(instance.pk)  # adding a tag takes the story out of no list
        return
    if not reverse:
        if action.startswith("pre_"):
            instance._pagecount_tags_before = story_lists(instance.pk)
        else:
            before, after = instance._pagecount_tags_before, story_lists(instance.pk)
            # Lists the story joined or left, for the page cache to purge from its position.
            instance.lists_touched = getattr(instance, "lists_touched", set()) | (
                before[1] ^ after[1]
            )
            recount(_pairs(before) | _pairs(after))
        return
    # tag.stories.add/remove/clear: the tag's list on the days of the stories involved
    if action == "pre_clear":
        instance._pagecount_story_ids = set(instance.stories.values_list("pk", flat=True))
        return
    if action.startswith("pre_"):
        return
    story_ids = pk_set if pk_set is not None else getattr(instance, "_pagecount_story_ids", ())
    days = counted_stories().filter(pk__in=story_ids).values_list("published_at", flat=True)
    recount({(tag_key(instance.pk), day_of(moment)) for moment in days})


def _byline_before(sender, instance, **kwargs):
    instance._pagecount_person = (
        Byline.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        if instance.pk
        else None
    )


def _byline_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if upkeep.deferring() and kwargs.get("created"):
        upkeep.defer_story(instance.story_id)  # a new byline moves the story out of no list
        return
    moment = (
        counted_stories()
        .filter(pk=instance.story_id)
        .values_list("published_at", flat=True)
        .first()
    )
    if moment is None:
        return
    people = {instance.person_id, getattr(instance, "_pagecount_person", None)} - {None}
    recount({(author_key(person), day_of(moment)) for person in people})


def connect():
    uid = "newsdesk.pagecounts"
    pre_save.connect(_story_before, sender=Story, dispatch_uid=f"{uid}.story.pre_save")
    post_save.connect(_story_after_save, sender=Story, dispatch_uid=f"{uid}.story.post_save")
    pre_delete.connect(_story_before, sender=Story, dispatch_uid=f"{uid}.story.pre_delete")
    post_delete.connect(_story_after_delete, sender=Story, dispatch_uid=f"{uid}.story.delete")
    m2m_changed.connect(_tags_changed, sender=Story.tags.through, dispatch_uid=f"{uid}.tags")
    pre_save.connect(_byline_before, sender=Byline, dispatch_uid=f"{uid}.byline.pre_save")
    post_save.connect(_byline_changed, sender=Byline, dispatch_uid=f"{uid}.byline.post_save")
    post_delete.connect(_byline_changed, sender=Byline, dispatch_uid=f"{uid}.byline.delete")
