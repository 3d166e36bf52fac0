"""Changing stories and pictures through the API: the same content services as the desk
(publishing for saves, workflow for state changes), the same Django permissions.

Errors name the field they are about, so a client can show them next to its own input.
"""

from datetime import UTC

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsdesk.api.permissions import NotAllowed, require
from newsdesk.content.models import Byline, Image, Person, Section, Source, Status, Story, Tag
from newsdesk.content.services import permissions, provenance, publishing, revisions, workflow


class FieldError(ValueError):
    """Input that parsed but cannot be used (unknown slug, missing image): names the field."""

    def __init__(self, field: str, message: str, location: str = "body"):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.location = location


class BadTransition(ValueError):
    """The story cannot move to that state from where it is."""


def check_can_edit(user, story: Story) -> None:
    perms = ["content.change_story"]
    if story.created_by_id != user.pk:
        perms.append("content.edit_others_story")
    if story.is_live:
        # Changing what readers already see is a correction, an editor's call.
        perms.append("content.publish_story")
    require(user, *perms)
    if not permissions.can_edit(user, story):
        # The desk's rule: a contributor keeps a story only while it is their draft.
        raise NotAllowed("You may change your own story only while it is a draft.")


def _by_slug(model, field: str, slugs: list[str]) -> list:
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise FieldError(field, f"unknown {model._meta.verbose_name} slug(s): {', '.join(unknown)}")
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _apply(story: Story, data: dict) -> dict:
    """Copy plain fields onto `story`; return the relations to set once it is saved."""
    relations = {}
    for name in ("headline", "standfirst", "body", "kind", "source_url", "featured_caption"):
        if name in data and data[name] is not None:
            setattr(story, name, data[name])
    if data.get("language"):
        story.language = data["language"]
    if "section" in data:
        slug = data["section"]
        story.section = _by_slug(Section, "section", [slug])[0] if slug else None
    if "featured_image" in data:
        image_id = data["featured_image"]
        if image_id is None:
            story.featured_image = None
        else:
            story.featured_image = Image.objects.filter(pk=image_id).first()
            if story.featured_image is None:
                raise FieldError("featured_image", f"no image with id {image_id}")
    for field, model in (("tags", Tag), ("bylines", Person), ("sources", Source)):
        if data.get(field) is not None:
            relations[field] = _by_slug(model, field, data[field])
    return relations


def _set_relations(story: Story, relations: dict) -> None:
    if "tags" in relations:
        story.tags.set(relations["tags"])
    if "sources" in relations:
        story.sources.set(relations["sources"])
    if "bylines" in relations:
        Byline.objects.filter(story=story).delete()
        Byline.objects.bulk_create(
            Byline(story=story, person=person, position=n)
            for n, person in enumerate(relations["bylines"])
        )


def create_story(user, data: dict) -> Story:
    require(user, "content.add_story")
    story = Story(created_by=user, status=Status.DRAFT, language=settings.LANGUAGE_CODE)
    with transaction.atomic():
        relations = _apply(story, data)
        publishing.save_changes(story, user)
        _set_relations(story, relations)
        revisions.record(story, user, note="Created through the API")
        provenance.typed_in(story)
    return story


class VersionRequired(Exception):
    """A PATCH that does not say which version it was made from: applying it could undo an
    edit saved since the client read the story, so it is refused (428) instead."""

    def __init__(self, current: int):
        super().__init__(
            "Send the version you read: the ETag of GET /stories/{id} as If-Match, or the "
            f"`version` field (the story is at version {current})."
        )
        self.current = current


class StaleVersion(Exception):
    """The client's version of the story is not the current one (someone saved since)."""

    def __init__(self, current: int, sent: int, by_header: bool):
        super().__init__(
            f"The story is at version {current}, not {sent}: someone saved it since you "
            "read it. Read it again, reapply your change, then send it with the new version."
        )
        self.current = current
        self.by_header = by_header  # If-Match → 412 Precondition Failed; a body field → 409


def _changes(story: Story, data: dict) -> tuple[dict, dict]:
    """(field → new value, relations to set) for the desk's save service."""
    scratch = Story(pk=story.pk, section=story.section, featured_image=story.featured_image)
    relations = _apply(scratch, data)
    changes = {
        name: getattr(scratch, name)
        for name in ("headline", "standfirst", "body", "kind", "source_url", "featured_caption")
        if data.get(name) is not None
    }
    if data.get("language"):
        changes["language"] = data["language"]
    for name in ("section", "featured_image"):
        if name in data:
            changes[name] = getattr(scratch, name)
    for name in ("tags", "bylines"):  # they move the story between lists: saved with it
        if name in relations:
            changes[name] = relations.pop(name)
    return changes, relations


def update_story(user, story: Story, data: dict, base_version=None, by_header=False) -> Story:
    """Apply a PATCH through the desk's save service: the row is locked, the version checked
    and bumped once, a revision recorded. `base_version` is the version the client read
    (If-Match or the `version` field) and is required: a PATCH made from an unknown version
    would silently undo whatever was saved since."""
    check_can_edit(user, story)
    changes, relations = _changes(story, data)
    if base_version is None:
        raise VersionRequired(story.version)
    base = int(base_version)
    try:
        with transaction.atomic():
            saved = revisions.save_story(story, changes, user, base, note="Edited through the API")
            _set_relations(saved, relations)
    except revisions.EditConflict as conflict:
        raise StaleVersion(conflict.story.version, base, by_header) from None
    return saved


def utc_or_error(field: str, value, location: str = "body"):
    """A client's time in UTC (naive times are read in the site's zone): databases compare
    and store UTC, and PostgreSQL refuses offsets beyond ±15:59."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise FieldError(
            field, "is outside the range of dates this API can use", location
        ) from None


API_STATES = ("draft", "review", "published", "scheduled", "unpublished")


def transition(user, story: Story, to: str, at=None, note: str = "") -> Story:
    """Move a story through the desk's workflow (same permissions, preconditions and history
    as the desk). `published` with a time `at` schedules the story for then.

    Raises PermissionDenied (the owner may not), BadTransition (not from the story's state)
    or WorkflowError (the story is not ready, e.g. no section).
    """
    if to not in API_STATES:
        raise FieldError("to", "must be one of draft, review, published, unpublished")
    at = utc_or_error("at", at)
    state = Status.SCHEDULED if to == "published" and at is not None else Status(to)
    try:
        return workflow.transition(story, state, user, note=note, at=at)
    except workflow.WorkflowError:
        if story.status not in workflow.ALLOWED_FROM[state]:
            # The story is in the wrong state for this move: a conflict, as it always was.
            raise BadTransition(
                f"A story that is {story.get_status_display().lower()} "
                f"cannot be moved to {state.label.lower()}."
            ) from None
        raise
