"""Saving edits safely: every save stores a revision, and a save based on an old version is
refused (optimistic concurrency) so that nobody's work overwrites anybody else's.

    save_story(story, changes, user, base_version) -> Story   # raises EditConflict
    restore(revision, user) -> Story                          # a new revision
    diff(old_fields, new_fields) -> list[FieldDiff]
"""

import difflib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.content import changes
from newsdesk.content.body_images import enrich_library_images
from newsdesk.content.embeds import mark_embeds
from newsdesk.content.models import Byline, Revision, Story
from newsdesk.content.services import list_moves, permissions, provenance, publishing
from newsdesk.content.text import plain_text

# The story fields a revision keeps (foreign keys by id) and how the diff names them.
TRACKED_FIELDS = {
    "headline": gettext_lazy("Headline"),
    "standfirst": gettext_lazy("Standfirst"),
    "body": gettext_lazy("Body"),
    "kind": gettext_lazy("Kind"),
    "section_id": gettext_lazy("Section"),
    "featured_image_id": gettext_lazy("Featured picture"),
    "featured_caption": gettext_lazy("Caption"),
    "language": gettext_lazy("Language"),
    "source_url": gettext_lazy("Source link"),
    "edition": gettext_lazy("Edition"),
}


class EditConflict(Exception):
    """Someone saved the story after `base_version` was loaded."""

    def __init__(self, story: Story, base_version: int):
        self.story = story
        self.base_version = base_version
        latest = story.revisions.select_related("user").first()
        self.by = latest.user if latest else None
        name = (self.by.get_full_name() or self.by.get_username()) if self.by else "Someone"
        super().__init__(
            f"{name} saved this story (version {story.version}) while you were editing "
            f"version {base_version}. Your text is kept below: compare, then save again."
        )


def _prepare_body(html: str) -> str:
    """Embeds to safe placeholders, library pictures sized and responsive (then, on save,
    the one sanitizer)."""
    return enrich_library_images(mark_embeds(html))


def snapshot(story: Story) -> dict:
    return {name: getattr(story, name) for name in TRACKED_FIELDS}


def record(story: Story, user, note: str = "") -> Revision:
    return Revision.objects.create(
        story=story, version=story.version, user=user, fields=snapshot(story), note=note
    )


def _set_bylines(story: Story, people) -> None:
    """The story's bylines, in the order given."""
    Byline.objects.filter(story=story).delete()
    Byline.objects.bulk_create(
        Byline(story=story, person=person, position=n) for n, person in enumerate(people)
    )


def create_story(fields: dict, user, tags=(), bylines=()) -> Story:
    if not permissions.can_create(user):
        raise PermissionDenied(_("You may not write stories."))
    if "body" in fields:
        fields = {**fields, "body": _prepare_body(fields["body"])}
    with transaction.atomic():
        story = Story(created_by=user, **fields)
        move = list_moves.track(story)
        story.save()
        if tags:
            story.tags.set(tags)
        if bylines:
            _set_bylines(story, bylines)
        move.settle()
        record(story, user, note="Created")
        provenance.typed_in(story)
        changes.story_changed(changes.CREATED, story, user, was_live=False, lists=move)
    return story


def save_story(
    story: Story, changes: dict, user, base_version: int, note: str = "", relate=None
) -> Story:
    """Apply `changes` (field → value; "tags" and "bylines" lists) if nobody saved since
    `base_version`. `relate`: a function writing other relations of the story (the admin's
    form and inlines), called with the story's row locked, before it is saved."""
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("You may not edit this story."))
    tags = changes.pop("tags", None)
    bylines = changes.pop("bylines", None)
    if "body" in changes:
        changes["body"] = _prepare_body(changes["body"])
    with transaction.atomic():
        current = Story.objects.select_for_update().get(pk=story.pk)
        if current.version != int(base_version):
            raise EditConflict(current, int(base_version))
        move = list_moves.track(current)
        for name, value in changes.items():
            setattr(current, name, value)
        if bylines is not None:
            _set_bylines(current, bylines)
        current.version += 1
        if tags is not None:
            current.tags.set(tags)
        if relate is not None:
            relate(current)
        if bylines is not None or tags is not None or relate is not None:
            move.links_written()
        publishing.save_changes(current, user, move)
        record(current, user, note=note)
    return current


def restore(revision: Revision, user) -> Story:
    """Bring back an old revision's text as a new revision (history is never rewritten)."""
    story = revision.story
    return save_story(
        story,
        dict(revision.fields),
        user,
        base_version=story.version,
        note=f"Restored version {revision.version}",
    )


@dataclass
class FieldDiff:
    label: str
    old: str
    new: str
    # (op, text) with op in "equal" / "delete" / "insert", word by word
    chunks: list


def _readable(name: str, value) -> str:
    if name == "body":
        return plain_text(value)
    return "" if value is None else str(value)


def diff(old: dict, new: dict) -> list[FieldDiff]:
    """Word-level differences between two field snapshots, only for fields that changed."""
    result = []
    for name, label in TRACKED_FIELDS.items():
        a, b = _readable(name, old.get(name)), _readable(name, new.get(name))
        if a == b:
            continue
        words_a, words_b = a.split(), b.split()
        chunks = []
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op in ("delete", "replace"):
                chunks.append(("delete", " ".join(words_a[i1:i2])))
            if op in ("insert", "replace"):
                chunks.append(("insert", " ".join(words_b[j1:j2])))
            if op == "equal":
                chunks.append(("equal", " ".join(words_a[i1:i2])))
        result.append(FieldDiff(label, a, b, chunks))
    return result
