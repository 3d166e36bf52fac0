"""Who may do what to a story. The one place the desk, the API and the workflow ask."""

from newsdesk.content.models import Status, Story

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
