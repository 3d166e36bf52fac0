"""Putting copy into the wire queue through the API: a web page by its address, or a ninjs
document. The wire desk's own services do the work (newsdesk.wire.services); this module
adds the API's checks, so the desk and the API admit the same people and keep the same data.
"""

from django.core.exceptions import PermissionDenied

from newsdesk.api.story_writes import FieldError
from newsdesk.content.models import Source
from newsdesk.net import FetchError, UnsafeURL, check_url
from newsdesk.wire.forms import MAX_NINJS_BYTES
from newsdesk.wire.models import ItemStatus, WireItem
from newsdesk.wire.services.extraction import import_url
from newsdesk.wire.services.ninjs import import_ninjs
from newsdesk.wire.services.page_extraction import ExtractorMissing, require_extractor
from newsdesk.wire.tasks import import_url_job

__all__ = ["AlreadyQueued", "ExtractorMissing", "NotNinjs", "import_document", "import_page"]


class AlreadyQueued(ValueError):
    """This source already sent this document: the queue has it once."""


class NotNinjs(ValueError):
    """The document was stored (status failed, raw payload kept) but could not be read."""

    def __init__(self, item: WireItem):
        super().__init__(f"Stored as wire item {item.pk}, but it could not be read: {item.error}")
        self.item = item


def require_wire_desk(user) -> None:
    # As the wire desk's import pages: staff whose role may bring copy in (add stories).
    if not (user.is_active and user.is_staff and user.has_perm("content.add_story")):
        raise PermissionDenied(
            "The wire desk is for newsroom staff who may add stories; this key's owner is not."
        )


def source_by_slug(slug: str | None, location: str) -> Source | None:
    if not slug:
        return None
    # A NUL can be in no slug, and PostgreSQL refuses it even in a lookup.
    source = None if "\x00" in slug else Source.objects.filter(slug=slug).first()
    if source is None:
        raise FieldError("source", f"unknown source slug: {slug[:100]}", location)
    return source


def import_page(user, url: str, source_slug: str | None = None, background: bool = False):
    """The page at `url` as a wire item now, or (background) a job id for the worker.

    Refused addresses (not http(s), internal, unresolvable) are a FieldError on `url`, up
    front in both cases: the worker would refuse them anyway, and the client should know.
    ExtractorMissing (up front too) when this server cannot extract pages.
    """
    require_wire_desk(user)
    source = source_by_slug(source_slug, "body")
    require_extractor()
    try:
        check_url(url)
        if background:
            return import_url_job.enqueue(url, source.pk if source else None).id
        return import_url(url, source=source)
    except UnsafeURL as exc:
        raise FieldError("url", f"this address may not be fetched: {exc}") from None
    except FetchError as exc:
        raise FieldError("url", f"the page could not be fetched: {exc}") from None


def import_document(user, payload: bytes, source_slug: str | None = None) -> WireItem:
    """Store a ninjs document (1.x, 2.x or 3.x). One that cannot be read is still stored, whole,
    as a failed item the desk can see, and NotNinjs says why."""
    require_wire_desk(user)
    source = source_by_slug(source_slug, "query")
    if len(payload) > MAX_NINJS_BYTES:
        raise FieldError("body", "the document is over 2 MB; a ninjs document is far smaller")
    item = import_ninjs(payload, source=source, user=user)
    if item is None:
        raise AlreadyQueued(
            f"{source.name if source else 'This source'} already sent this document."
        )
    if item.status == ItemStatus.FAILED:
        raise NotNinjs(item)
    return item
