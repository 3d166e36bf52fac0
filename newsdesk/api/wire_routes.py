"""Wire desk endpoints: send copy into the wire queue (a write key of a staff account)."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from newsdesk.api import wire_imports
from newsdesk.api.schemas import ErrorOut, InputSchema
from newsdesk.api.write_routes import WRITE, WRITE_ERRORS
from newsdesk.wire.models import WireItem

router = Router()
WIRE_WRITE = {**WRITE, "tags": ["wire"]}


class WireItemOut(Schema):
    id: int
    kind: str
    status: str
    guid: str
    link: str
    headline: str
    author: str
    language: str
    published_at: datetime | None
    fetched_at: datetime
    source: str | None = Field(None, description="Source slug.")
    desk_url: str = Field(description="The item in the wire desk.")


class NotNinjsOut(Schema):
    detail: str
    item: int = Field(description="The failed wire item that keeps the document as sent.")


class QueuedOut(Schema):
    job: str = Field(description="The background job that fetches the page.")
    url: str


class PageIn(InputSchema):
    url: str = Field(min_length=1, max_length=1000, description="An http(s) page address.")
    source: str | None = Field(None, description="Source slug to credit.")
    background: bool = Field(False, description="Fetch in the worker; answers 202 at once.")


def _out(request: HttpRequest, item: WireItem) -> dict:
    return {
        **{name: getattr(item, name) for name in WireItemOut.model_fields if name != "desk_url"},
        "source": item.source.slug if item.source else None,
        "desk_url": request.build_absolute_uri(f"/desk/wire/{item.pk}/"),
    }


@router.post(
    "/pages",
    response={201: WireItemOut, 202: QueuedOut, 503: ErrorOut, **WRITE_ERRORS},
    **WIRE_WRITE,
)
def import_page(request, payload: PageIn):
    """Import a web page: its article text, headline, author, date and picture are extracted
    and the page kept whole. A refused address (internal, not http(s)) is a 422 on `url`;
    503 when this server cannot extract pages (an installation problem): nothing is stored
    and the request can be sent again once it is fixed."""
    try:
        result = wire_imports.import_page(
            request.user, payload.url, payload.source, background=payload.background
        )
    except wire_imports.ExtractorMissing as exc:
        return 503, {"detail": str(exc)}
    if payload.background:
        return 202, {"job": str(result), "url": payload.url}
    return 201, _out(request, result)


NINJS_BODY = {
    "requestBody": {
        "required": True,
        "description": "One ninjs 1.x, 2.x or 3.x document, as JSON.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.post(
    "/ninjs",
    response={201: WireItemOut, **WRITE_ERRORS, 409: ErrorOut, 422: NotNinjsOut | ErrorOut},
    openapi_extra=NINJS_BODY,
    **WIRE_WRITE,
)
def import_ninjs(request, source: str | None = None):
    """Add a ninjs document to the wire queue. One that cannot be read is kept whole as a
    failed item (422 says why and which item); the same document from the same source
    again is a 409."""
    try:
        item = wire_imports.import_document(request.user, request.body, source)
    except wire_imports.NotNinjs as exc:
        return 422, {"detail": str(exc), "item": exc.item.pk}
    except wire_imports.AlreadyQueued as exc:
        return 409, {"detail": str(exc)}
    return 201, _out(request, item)
