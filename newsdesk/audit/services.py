"""Writing to the audit log. Everything that records an event comes through `record`."""

from newsdesk.audit.context import current_request
from newsdesk.audit.models import AuditEvent


def _actor_from_request():
    request = current_request()
    if request is None:
        return None, None
    user = getattr(request, "user", None)
    address = request.META.get("REMOTE_ADDR") or None
    return (user if user is not None and user.is_authenticated else None), address


def record(action, obj, *, user=None, detail=None) -> AuditEvent:
    request_user, address = _actor_from_request()
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    actor = actor or request_user
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        address=address,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        detail=detail or {},
    )
