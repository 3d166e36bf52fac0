"""A story's editions: which edition it is in, and its translations in the others.

Translations share a `translation_group`; a group holds at most one story per edition, so
"the Persian version of this story" has one answer. Linking goes through the change
pipeline like any other edit: both stories' pages (their hreflang alternates and language
switcher) are purged and re-indexed, webhooks and the audit log hear of it.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.models import Story
from newsdesk.content.services import list_moves
from newsdesk.content.services.visibility import live_stories
from newsdesk.editions.config import editions

TRANSLATION_FIELDS = ("pk", "slug", "edition", "headline")


def edition_scope(code: str) -> str | None:
    """The edition to narrow readers' lists to: None on a site of one edition, whose lists
    stay the whole site's exactly as before editions existed."""
    return code if len(editions()) > 1 else None


def live_translations(story) -> list:
    """The story's translations readers may see now, as (pk, slug, edition, headline) rows,
    in the order the editions are configured."""
    group = getattr(story, "translation_group", None)
    if group is None:
        return []
    rows = (
        live_stories()
        .filter(translation_group=group)
        .exclude(pk=story.pk)
        .values_list(*TRANSLATION_FIELDS, named=True)
    )
    order = {edition.code: n for n, edition in enumerate(editions())}
    return sorted(rows, key=lambda row: order.get(row.edition, len(order)))


def _may_change(user, story) -> bool:
    return user is None or user.has_perm("content.change_story")


def link(story: Story, other: Story, user=None) -> None:
    """Make `other` a translation of `story` (and of every translation `story` has)."""
    if story.pk == other.pk:
        raise ValidationError(_("A story cannot be its own translation."))
    if not (_may_change(user, story) and _may_change(user, other)):
        raise PermissionDenied
    with transaction.atomic():
        rows = Story.objects.select_for_update().filter(pk__in=[story.pk, other.pk])
        story, other = (sorted(rows, key=lambda s: s.pk != story.pk) + [None, None])[:2]
        if story is None or other is None:
            raise ValidationError(_("That story no longer exists."))
        mine = _group(story)
        theirs = _group(other)
        joined = {s.pk: s for s in mine + theirs}
        by_edition = {}
        for member in joined.values():
            if by_edition.setdefault(member.edition, member.pk) != member.pk:
                raise ValidationError(
                    _("A story has one version per edition, and these have two in “%(edition)s”.")
                    % {"edition": member.edition}
                )
        group = story.translation_group or other.translation_group or uuid.uuid4()
        for member in joined.values():
            if member.translation_group != group:
                _set_group(member, group, user)


def unlink(story: Story, user=None) -> None:
    """Take the story out of its translations (they stay translations of one another)."""
    if not _may_change(user, story):
        raise PermissionDenied
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        others = [s for s in _group(story) if s.pk != story.pk]
        if story.translation_group is None:
            return
        _set_group(story, None, user)
        if len(others) == 1:  # a group of one is no group
            _set_group(others[0], None, user)
        else:
            for other in others:  # their pages no longer name it
                changes.story_changed(
                    changes.EDITED, other, user, was_live=other.is_live, fields=()
                )


def _group(story: Story) -> list[Story]:
    if story.translation_group is None:
        return [story]
    return list(Story.objects.select_for_update().filter(translation_group=story.translation_group))


def _set_group(story: Story, group, user) -> None:
    move = list_moves.track(story)  # it stays where it is: no list pages to purge
    story.translation_group = group
    story.save(update_fields=["translation_group"])
    changes.story_changed(
        changes.EDITED,
        story,
        user,
        was_live=story.is_live,
        fields=("translation_group",),
        lists=move.settle(),
    )
