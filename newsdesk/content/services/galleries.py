"""A story's ordered pictures (photo stories and galleries inside stories).

Each change first locks the story's row (publishing.touch): changes to one story's pictures
happen one at a time, and the story itself is dated without its text being written."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from newsdesk.content.models import GalleryItem, Story
from newsdesk.content.services import permissions, publishing


def add_picture(story: Story, user, image, caption="", credit="") -> GalleryItem:
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("You may not edit this story."))
    with transaction.atomic():
        publishing.touch(story, user)
        last = story.gallery_items.aggregate(last=Max("position"))["last"]
        item = GalleryItem.objects.create(
            story=story,
            image=image,
            caption=caption,
            credit=credit,
            position=0 if last is None else last + 1,
        )
    return item


def remove_picture(story: Story, user, item_pk: int):
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("You may not edit this story."))
    with transaction.atomic():
        publishing.touch(story, user)
        story.gallery_items.filter(pk=item_pk).delete()


def move_picture(story: Story, user, item_pk: int, offset: int):
    """Swap a picture with its neighbour (offset -1: earlier, +1: later)."""
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("You may not edit this story."))
    with transaction.atomic():
        publishing.lock(story)
        items = list(story.gallery_items.order_by("position", "id"))
        index = next((i for i, item in enumerate(items) if item.pk == item_pk), None)
        if index is None or not 0 <= index + offset < len(items):
            return
        items[index], items[index + offset] = items[index + offset], items[index]
        for position, item in enumerate(items):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        publishing.touch(story, user)
