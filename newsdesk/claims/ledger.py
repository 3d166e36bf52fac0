"""The claims ledger of a story: kept in step with its text, and changed by editors.

`refresh()` runs extraction and writes the result: figures still in the text keep an
editor's confirmation, correction or removal; figures that left the text leave the ledger.
Every change purges the story's page and the claims search pages (page cache keys)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.claims.extraction import Found, extract
from newsdesk.claims.models import Claim, ClaimStatus
from newsdesk.content.models import Story
from newsdesk.content.services import permissions
from newsdesk.content.text import plain_text
from newsdesk.pagecache import store
from newsdesk.pagecache.purge import story_key

SEARCH_KEY = "claims"
MAX_VALUE = 10**23  # what the value column holds
MACHINE_FIELDS = ("value", "unit", "speaker", "outlet", "said_on")
SEARCHED = (*MACHINE_FIELDS, "speaker_key", "unit_key")


def story_text(story: Story) -> str:
    """The text claims are read from: the standfirst, then the body."""
    return " ".join(part for part in (story.standfirst, plain_text(story.body)) if part)


def story_date(story: Story):
    moment = story.published_at or story.created_at
    return timezone.localdate(moment) if moment else None


def purge(story_id: int) -> None:
    if store.enabled():
        store.purge_keys([story_key(story_id), SEARCH_KEY])


def _apply(claim: Claim, found: Found, machine: bool) -> bool:
    """Write what extraction found; the editor's fields stay when `machine` is False."""
    names = ["position", "sentence", "quote"] + (list(MACHINE_FIELDS) if machine else [])
    changed = [name for name in names if getattr(claim, name) != getattr(found, name)]
    for name in changed:
        setattr(claim, name, getattr(found, name))
    claim.set_search_keys()
    return bool(changed)


def refresh(story: Story) -> bool:
    """Extract the story's claims again; True if the ledger changed."""
    found = [f for f in extract(story_text(story), story_date(story)) if f.value < MAX_VALUE]
    added, updated = [], []
    with transaction.atomic():
        existing = {
            claim.key: claim for claim in Claim.objects.select_for_update().filter(story=story)
        }
        for item in found:
            claim = existing.pop(item.key, None)
            if claim is None:
                claim = Claim(story=story, key=item.key)
                _apply(claim, item, machine=True)
                added.append(claim)
            elif _apply(claim, item, machine=claim.status == ClaimStatus.EXTRACTED):
                updated.append(claim)
        Claim.objects.bulk_create(added)
        Claim.objects.bulk_update(updated, ["position", "sentence", "quote", *SEARCHED])
        if existing:
            Claim.objects.filter(pk__in=[claim.pk for claim in existing.values()]).delete()
    changed = bool(added or updated or existing)
    if changed:
        transaction.on_commit(lambda: purge(story.pk))
    return changed


def check_editable(claim: Claim, user) -> None:
    if not permissions.can_edit(user, claim.story):
        raise PermissionDenied(_("You may not change this story's claims."))


def _check(claim: Claim, user, status: str, fields=()) -> Claim:
    claim.status = status
    claim.checked_by = user
    claim.checked_at = timezone.now()
    claim.save(update_fields=["status", "checked_by", "checked_at", *fields])
    transaction.on_commit(lambda: purge(claim.story_id))
    return claim


def confirm(claim: Claim, user) -> Claim:
    check_editable(claim, user)
    return _check(claim, user, ClaimStatus.CONFIRMED)


def correct(claim: Claim, user, values: dict) -> Claim:
    """Change what extraction got wrong; the claim counts as checked by this editor."""
    check_editable(claim, user)
    fields = [name for name in MACHINE_FIELDS if name in values]
    for name in fields:
        setattr(claim, name, values[name])
    claim.corrected = True
    claim.set_search_keys()
    return _check(
        claim, user, ClaimStatus.CONFIRMED, [*fields, "corrected", "speaker_key", "unit_key"]
    )


def remove(claim: Claim, user) -> Claim:
    check_editable(claim, user)
    return _check(claim, user, ClaimStatus.REMOVED)


def restore(claim: Claim, user) -> Claim:
    """Undo a removal: the claim is back, as extracted or corrected."""
    check_editable(claim, user)
    return _check(claim, user, ClaimStatus.CONFIRMED if claim.corrected else ClaimStatus.EXTRACTED)
