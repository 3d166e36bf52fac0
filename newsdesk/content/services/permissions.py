"""Who may do what to a story. The one place the desk, the API and the workflow ask."""

from django.db.models import Q

from newsdesk.content.models import Image, Status, Story
from newsdesk.content.services.visibility import live_stories

# A contributor keeps their story while it is a draft; once submitted it is the editors'.
CONTRIBUTOR_EDITABLE = (Status.DRAFT,)


def can_create(user) -> bool:
    return user.is_active and user.has_perm("content.add_story")


def can_publish(user) -> bool:
    return user.is_active and user.has_perm("content.publish_story")


def is_owner(user, story: Story) -> bool:
    return story.created_by_id is not None and story.created_by_id == user.pk


def can_edit(user, story: Story) -> bool:
    if not (user.is_active and user.has_perm("content.change_story")):
        return False
    if user.has_perm("content.edit_others_story"):
        return True
    return is_owner(user, story) and story.status in CONTRIBUTOR_EDITABLE


def can_delete(user, story: Story) -> bool:
    return user.is_active and user.has_perm("content.delete_story")


def can_upload_media(user) -> bool:
    return user.is_active and user.has_perm("content.add_image")


def image_is_published(image: Image) -> bool:
    """Readers see it: the featured picture, or in the gallery, of a live story."""
    return live_stories().filter(Q(featured_image=image) | Q(gallery_items__image=image)).exists()


def can_edit_image(user, image: Image) -> bool:
    """Editors change any picture's details; a contributor only their own upload, and only
    while no live story shows it (after that it is published copy, an editor's call)."""
    if not (user.is_active and user.has_perm("content.change_image")):
        return False
    if user.has_perm("content.edit_others_story"):
        return True
    return image.uploaded_by_id == user.pk and not image_is_published(image)
