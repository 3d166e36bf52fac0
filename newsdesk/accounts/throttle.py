"""Failed-login throttling, per client address and per account *from* that address.

Counters are shared by every worker (accounts/counters.py: Redis, or the database). A
window starts at the first failure; after LIMIT failures inside it, further attempts from
that address, or for that account from that address, are refused without checking the
password until it ends. Counting per account alone would let anyone lock a named editor
out by sending wrong passwords for them; keyed by address too, the owner, elsewhere, still
gets in. A successful login clears the account's counter for that address.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings

from newsdesk.accounts import counters


@dataclass(frozen=True)
class Limits:
    per_account: int
    per_address: int
    window_seconds: int


def limits() -> Limits:
    return Limits(
        per_account=getattr(settings, "NEWSDESK_LOGIN_FAILURES_PER_ACCOUNT", 5),
        per_address=getattr(settings, "NEWSDESK_LOGIN_FAILURES_PER_ADDRESS", 20),
        window_seconds=getattr(settings, "NEWSDESK_LOGIN_LOCKOUT_SECONDS", 15 * 60),
    )


def client_address(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy
    # rewrites it, and a spoofable key would make the per-address limit useless.
    return (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _account_key(username: str, request) -> str:
    return _key("account", f"{username.strip().lower()}\n{client_address(request)}")


def _keys(username: str | None, request) -> list[tuple[str, int]]:
    limit = limits()
    keys = [(_key("address", client_address(request)), limit.per_address)]
    if username:
        keys.append((_account_key(username, request), limit.per_account))
    return keys


def is_locked(username: str | None, request) -> bool:
    return any(counters.peek(key) >= limit for key, limit in _keys(username, request))


def record_failure(username: str | None, request) -> None:
    window = limits().window_seconds
    for key, _limit in _keys(username, request):
        counters.hit(key, window)


def clear_account(username: str, request=None) -> None:
    counters.reset(_account_key(username, request))


def lockout_minutes() -> int:
    return max(1, limits().window_seconds // 60)
