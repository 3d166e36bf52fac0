"""Issuing, checking and revoking API keys.

A key looks like `nd_<prefix>_<secret>`. The prefix finds the row; the SHA-256 of the whole
key is compared in constant time. A key is 256 random bits, so a fast hash is enough (slow
password hashes exist to protect guessable secrets).
"""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.utils import timezone

from newsdesk.api.models import ApiKey

KEY_PREFIX = "nd"
_PREFIX_SHAPE = re.compile(r"[0-9a-f]{12}")
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)


class InvalidKey(Exception):
    """The presented key is malformed, unknown, revoked, or its owner is inactive."""


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def issue(user, name: str, scope: str = ApiKey.Scope.READ) -> tuple[ApiKey, str]:
    """A new key for `user`; the raw key is returned once and never stored."""
    prefix = secrets.token_hex(6)
    raw_key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        user=user, name=name, scope=scope, prefix=prefix, key_hash=_hash(raw_key)
    )
    return key, raw_key


def assign_new_secret(key: ApiKey) -> str:
    """Fill prefix and hash of an unsaved key (the admin's add form); returns the raw key."""
    key.prefix = secrets.token_hex(6)
    raw_key = f"{KEY_PREFIX}_{key.prefix}_{secrets.token_urlsafe(32)}"
    key.key_hash = _hash(raw_key)
    return raw_key


def authenticate(raw_key: str) -> ApiKey:
    parts = (raw_key or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not _PREFIX_SHAPE.fullmatch(parts[1]):
        raise InvalidKey("Malformed API key.")
    key = ApiKey.objects.select_related("user").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(raw_key.strip())):
        raise InvalidKey("Unknown API key.")
    if key.revoked_at is not None:
        raise InvalidKey("This API key has been revoked.")
    if not key.user.is_active:
        raise InvalidKey("The owner of this API key is inactive.")
    _touch(key)
    return key


def _touch(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def revoke(key: ApiKey) -> None:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
