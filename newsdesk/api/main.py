"""The content API: one NinjaAPI, its error format and its routers.

Every error is JSON `{"detail": ...}`: a sentence for most errors, and for invalid input a
list of `{"loc": [..., field], "msg": ...}` entries naming each field.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from newsdesk.api import write_routes  # noqa: F401  registers the writes on the router
from newsdesk.api.live_routes import router as live_router
from newsdesk.api.permissions import NotAllowed
from newsdesk.api.read_routes import router
from newsdesk.api.story_queries import BadCursor
from newsdesk.api.story_writes import BadTransition, FieldError, StaleVersion, VersionRequired
from newsdesk.api.wire_routes import router as wire_router
from newsdesk.claims.api import router as claims_router
from newsdesk.content.services.workflow import WorkflowError
from newsdesk.search.api import router as search_router

api = NinjaAPI(
    title="Newsdesk content API",
    version="1",
    description=(
        "Stories, sections, tags, people and sources of this newsroom. Reading is public; a "
        "read key (`Authorization: Bearer nd_…` or `X-API-Key`) of a staff account also sees "
        "unpublished stories. Writing needs a key with the write scope, and the key owner's "
        "permissions. Lists of stories use cursor pagination (`next_cursor`)."
    ),
    urls_namespace="content-api",
)
api.add_router("", router)
api.add_router("/search/", search_router)  # /api/search/ and /api/search/suggest
api.add_router("/wire/", wire_router)  # /api/wire/pages and /api/wire/ninjs
api.add_router("", live_router)  # live blogs' entries and the breaking alert
api.add_router("/claims/", claims_router)  # /api/claims/: figures and who gave them


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(FieldError)
def unusable_input(request, exc: FieldError):
    detail = [{"loc": [exc.location, exc.field], "msg": exc.message, "type": "value_error"}]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(BadCursor)
def bad_cursor(request, exc: BadCursor):
    detail = [{"loc": ["query", "cursor"], "msg": str(exc), "type": "value_error"}]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NotAllowed)
def not_allowed(request, exc: NotAllowed):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


@api.exception_handler(WorkflowError)
def not_ready(request, exc: WorkflowError):
    """The workflow's own sentences, e.g. "A section is required.", joined."""
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


@api.exception_handler(BadTransition)
def bad_transition(request, exc: BadTransition):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(StaleVersion)
def stale_version(request, exc: StaleVersion):
    response = api.create_response(
        request, {"detail": str(exc)}, status=412 if exc.by_header else 409
    )
    response["ETag"] = f'"{exc.current}"'
    return response


@api.exception_handler(VersionRequired)
def version_required(request, exc: VersionRequired):
    response = api.create_response(request, {"detail": str(exc)}, status=428)
    response["ETag"] = f'"{exc.current}"'
    return response


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)
