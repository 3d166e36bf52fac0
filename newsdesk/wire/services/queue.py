"""What an editor does with a wire item: accept it as a draft story, merge it into an
existing story, or reject it. Every function checks the user's permissions itself, so the
desk views and the API cannot forget to."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.models import Route, Status, Story
from newsdesk.content.services import permissions, provenance, publishing
from newsdesk.content.web_links import web_url
from newsdesk.wire.models import ItemKind, ItemStatus, SeenItem, WireItem
from newsdesk.wire.services import attribution, coverage

OPEN_STATUSES = (ItemStatus.NEW, ItemStatus.FAILED)
ROUTES = {ItemKind.FEED: Route.FEED, ItemKind.PAGE: Route.PAGE, ItemKind.NINJS: Route.NINJS}


def _require(user, perm):
    # user=None is the system itself (the "create drafts automatically" rule).
    if user is not None and not (user.is_active and user.is_staff and user.has_perm(perm)):
        raise PermissionDenied(_("You need the %(permission)r permission.") % {"permission": perm})


def _require_open(item: WireItem):
    if item.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This item was already %(state)s.") % {"state": item.get_status_display().lower()}
        )


def _fits(model, field: str, value: str) -> str:
    """`value` cut to the field's max_length, marked with an ellipsis: SQLite stores a
    longer string silently, PostgreSQL refuses it, and both must keep the same text."""
    limit = model._meta.get_field(field).max_length
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "\u2026"


def accept(item: WireItem, user=None) -> Story:
    """A draft story from the item: its headline and body, the writers of its byline, its
    original publication time (kept when the story is published: a past time stands), its
    picture with caption and credit, the link to the original and its agency as source."""
    _require(user, "content.add_story")
    _require_open(item)  # before fetching the picture; checked again under the lock
    picture = attribution.fetch_picture(item)
    with transaction.atomic():
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        _require_open(item)
        wire = getattr(item.source, "wire", None) if item.source_id else None
        story = Story(
            headline=_fits(Story, "headline", item.headline or "Untitled wire item"),
            standfirst=item.summary if item.body else "",
            body=item.body or f"<p>{item.summary}</p>" if item.summary else item.body,
            section=wire.default_section if wire else None,
            source_url=web_url(item.link)  # a feed's javascript: link is not a source
            if len(item.link) <= Story._meta.get_field("source_url").max_length
            else "",
            status=Status.DRAFT,
            published_at=item.published_at,
            featured_image=attribution.store_fetched_picture(item, picture),
            created_by=user,
        )
        if item.language:
            story.language = item.language
        story.save()
        attribution.add_bylines(story, attribution.writers(item))
        source = attribution.agency(item)
        if source is not None:
            story.sources.add(source)
        _record_origin(item, story, source, merged=False)
        coverage.add_accepted_story(story, item)
        changes.story_changed(changes.CREATED, story, user, was_live=False)
        item.status, item.story = ItemStatus.ACCEPTED, story
        item.save(update_fields=["status", "story"])
    return story


def merge(item: WireItem, story: Story, user=None) -> Story:
    """Credit the item's agency on an existing story (the editor folds the copy in)."""
    _require(user, "content.change_story")
    if user is not None and not permissions.can_edit(user, story):
        # Crediting a source changes the story: the same rule as editing it (a contributor
        # keeps only their own drafts; published copy is an editor's).
        raise PermissionDenied(_("You may not change that story."))
    with transaction.atomic():
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        _require_open(item)
        if item.source_id:
            story.sources.add(item.source_id)
        _record_origin(item, story, item.source if item.source_id else None, merged=True)
        item.status, item.story = ItemStatus.MERGED, story
        item.save(update_fields=["status", "story"])
        # The story now credits another agency: readers' copies follow ("Updated …").
        publishing.touch(story, user)
    return story


def _record_origin(item: WireItem, story: Story, agency, *, merged: bool) -> None:
    """The story's lineage gains the item: its agency, address, headline and time, when
    it came in and by which route (an agency's feed, a page imported by its URL, ninjs)."""
    provenance.record_origin(
        story,
        ROUTES.get(item.kind, Route.FEED),
        agency=agency,
        url=item.link,
        headline=item.headline,
        published_at=item.published_at,
        ingested_at=item.fetched_at,
        reference=f"wire item {item.pk}",
        merged=merged,
    )


def reject(item: WireItem, user=None) -> WireItem:
    _require(user, "wire.change_wireitem")
    with transaction.atomic():
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        _require_open(item)
        item.status = ItemStatus.REJECTED
        item.save(update_fields=["status"])
    return item


def other_versions(item: WireItem):
    """The item's near-duplicates from the same group, for "N versions" and to offer as
    extra sources after accepting one."""
    if not item.group_id:
        return WireItem.objects.none()
    return (
        WireItem.objects.filter(group_id=item.group_id).exclude(pk=item.pk).select_related("source")
    )


def mark_seen(items, user, seen: bool = True) -> None:
    """Mark wire items seen (or not seen again) for one editor: their own reading list,
    no one else's, and no change to the items themselves."""
    ids = [item.pk for item in items]
    if not seen:
        SeenItem.objects.filter(user=user, item_id__in=ids).delete()
        return
    SeenItem.objects.bulk_create(
        [SeenItem(item_id=pk, user=user) for pk in ids], ignore_conflicts=True
    )


def cluster_of(item: WireItem) -> list[WireItem]:
    """The item and the other versions of its story: what "mark seen" in the queue covers."""
    return [item, *other_versions(item)]
