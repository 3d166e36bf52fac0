"""How the API finds out who is calling: `Authorization: Bearer <key>` or `X-API-Key`.

Reads are public (a valid key of a staff user also sees unpublished stories); writes need a
key with the write scope. The key's owner is then checked for Django permissions by the
write services, exactly as in the desk.
"""

from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import APIKeyHeader, HttpBearer

from newsdesk.api import keys
from newsdesk.api.models import ApiKey


def _checked(raw_key: str, *, write: bool) -> ApiKey:
    try:
        key = keys.authenticate(raw_key)
    except keys.InvalidKey as error:
        raise AuthenticationError(message=str(error)) from None
    if write and not key.can_write:
        raise AuthorizationError(message="This API key may only read; writing needs a write key.")
    return key


class WriteKeyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        key = _checked(token, write=True)
        request.user = key.user
        return key


class WriteKeyHeader(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):
        if not key:
            return None
        api_key = _checked(key, write=True)
        request.user = api_key.user
        return api_key


WRITE_AUTH = [WriteKeyBearer(), WriteKeyHeader()]


def reader(request: HttpRequest):
    """The user behind an optional key on a read request (None for anonymous readers)."""
    header = request.headers.get("Authorization", "")
    raw = header[7:] if header.lower().startswith("bearer ") else request.headers.get("X-API-Key")
    if not raw:
        return None
    return _checked(raw, write=False).user
