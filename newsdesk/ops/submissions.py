"""Forms that create something are sent once: each carries a one-use token (a hidden field),
and the token is claimed in the same transaction as the creation. A second send of the same
form (a double click, the browser resending after a timeout) finds the token taken and gets
what the first send made, instead of a second copy.

    new_token() -> str
    submit_once(user, token, create) -> (obj_id, created)
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.ops.models import FormSubmission

TOKEN_LIFETIME = timedelta(days=2)  # a form left open longer than that gets a new token


def new_token() -> str:
    return secrets.token_urlsafe(24)


def submit_once(user, token: str, create: Callable[[], int]) -> tuple[int | None, bool]:
    """Run `create` (returning the new object's id) unless this user's token was used.
    Returns (id, True) the first time and (the first time's id, False) after. Two sends at
    the same moment: the database's unique constraint makes the second wait for the first
    and then fail to claim the token."""
    if not token:
        return create(), True
    try:
        with transaction.atomic():
            claim = FormSubmission.objects.create(user=user, token=token)
            claim.object_id = create()
            claim.save(update_fields=["object_id"])
    except IntegrityError:
        first = FormSubmission.objects.filter(user=user, token=token).first()
        if first is None:  # not a duplicate token: the creation itself failed
            raise
        return first.object_id, False
    FormSubmission.objects.filter(created_at__lt=timezone.now() - TOKEN_LIFETIME).delete()
    return claim.object_id, True
