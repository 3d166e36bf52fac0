"""Write endpoints: a key with the write scope, the owner's permissions, rate-limited."""

import hashlib
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Schema, UploadedFile
from ninja.throttling import BaseThrottle

from newsdesk.accounts import counters
from newsdesk.api import image_uploads, story_writes, versions
from newsdesk.api.auth import WRITE_AUTH
from newsdesk.api.read_routes import StoryId, router
from newsdesk.api.schemas import ErrorOut, ImageOut, StoryIn, StoryOut, StoryPatch, TransitionIn
from newsdesk.content.models import Story
from newsdesk.content.services import reading
from newsdesk.content.services.media import MediaNotSaved
from newsdesk.content.services.visibility import with_page_relations


def write_rate() -> str:
    return getattr(settings, "NEWSDESK_API_WRITE_RATE", "120/m")


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/m" → (120, 60); "10/5s" → (10, 5)."""
    count, _, period = rate.strip().partition("/")
    unit = period[-1:].lower()
    if not count.isdigit() or unit not in PERIODS or not (period[:-1] or "1").isdigit():
        raise ImproperlyConfigured(f"NEWSDESK_API_WRITE_RATE={rate!r}: use e.g. 120/m")
    return int(count), int(period[:-1] or 1) * PERIODS[unit]


class WriteRateThrottle(BaseThrottle):
    """Per key, NEWSDESK_API_WRITE_RATE (e.g. "120/m"), read at request time, counted in a
    fixed window shared by every worker (accounts/counters.py). ninja's own throttles keep a
    list in the cache with a read and a write, which parallel requests (and local-memory
    caches, one per worker) let through many times over."""

    def __init__(self):
        self.retry_after = None

    def allow_request(self, request) -> bool:
        allowed, seconds = parse_rate(write_rate())
        ident = hashlib.sha256(str(getattr(request, "auth", "")).encode()).hexdigest()[:32]
        now = time.time()
        window = int(now // seconds)
        count = counters.hit(f"api-write:{ident}:{window}", seconds)
        self.retry_after = (window + 1) * seconds - now
        return count <= allowed

    def wait(self):
        return self.retry_after


# Same router as the reads (one URL pattern per path); each write says auth and throttle.
WRITE = {"auth": WRITE_AUTH, "throttle": [WriteRateThrottle()], "tags": ["write"]}

WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def _fresh(story: Story, user) -> Story:
    return reading.story_for_reader(story.pk, user)


def _editable(story_id: int) -> Story:
    return get_object_or_404(
        with_page_relations(Story.objects.filter(deleted_at__isnull=True)), pk=story_id
    )


@router.post("/stories", response={201: StoryOut, **WRITE_ERRORS}, **WRITE)
def create_story(request, payload: StoryIn):
    """A new draft story."""
    story = story_writes.create_story(request.user, payload.dict())
    return 201, _fresh(story, request.user)


@router.patch(
    "/stories/{story_id}",
    response={200: StoryOut, **WRITE_ERRORS, 409: ErrorOut, 412: ErrorOut, 428: ErrorOut},
    **WRITE,
)
def update_story(request, story_id: StoryId, payload: StoryPatch, response: HttpResponse):
    """Change the fields sent. Send the version you read, as `If-Match: "<version>"` (the
    `ETag` of GET /stories/{id}; 412 if the story changed since) or as `version` in the
    body (409): a stale edit is refused instead of undoing someone else's, and a PATCH with
    neither is refused with 428."""
    story = _editable(story_id)
    data = payload.dict(exclude_unset=True)
    sent = data.pop("version", None)
    if_match = versions.if_match_version(request)
    saved = story_writes.update_story(
        request.user,
        story,
        data,
        base_version=if_match if if_match is not None else sent,
        by_header=if_match is not None,
    )
    response["ETag"] = versions.etag(saved)
    return _fresh(saved, request.user)


@router.post(
    "/stories/{story_id}/transitions",
    response={200: StoryOut, **WRITE_ERRORS, 409: ErrorOut},
    **WRITE,
)
def transition_story(request, story_id: StoryId, payload: TransitionIn):
    """Publish (now or at `at`), unpublish, or send back to draft or review, as the desk
    would: 403 if the key's owner may not, 409 if not from the story's state, 422 naming
    what is missing (headline, body, section, alt text) if it is not ready to publish."""
    story = _editable(story_id)
    story_writes.transition(request.user, story, payload.to, at=payload.at, note=payload.note)
    return _fresh(story, request.user)


class ImageFields(Schema):
    title: str = ""
    alt_text: str = ""
    caption: str = ""
    credit: str = ""


@router.post(
    "/images", response={201: ImageOut, 503: ErrorOut, 507: ErrorOut, **WRITE_ERRORS}, **WRITE
)
def upload_image(request, fields: Form[ImageFields], file: File[UploadedFile]):
    """507 when the media storage is full, 503 when it cannot write: nothing is kept then."""
    try:
        image, errors = image_uploads.upload_image(request.user, fields.dict(), {"file": file})
    except MediaNotSaved as error:
        return (507 if error.full else 503), {"detail": str(error)}
    if errors:
        detail = [
            {"loc": ["form", field], "msg": " ".join(messages), "type": "value_error"}
            for field, messages in errors.items()
        ]
        return 422, {"detail": detail}
    return 201, image
