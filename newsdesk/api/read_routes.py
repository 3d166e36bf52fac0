"""Public read endpoints. Stories come through the same visibility rule as the site."""

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from newsdesk.api import auth, ninjs, versions
from newsdesk.api.schemas import (
    ErrorOut,
    PersonOut,
    SectionOut,
    SourceOut,
    StoryOut,
    StoryPageOut,
    TagOut,
)
from newsdesk.api.story_queries import MAX_LIMIT, story_page
from newsdesk.api.story_writes import FieldError, utc_or_error
from newsdesk.content.models import Person, Section, Source, Tag
from newsdesk.content.services import reading
from newsdesk.content.services.lists import StoryFilters


class BoundedLimitOffset(LimitOffsetPagination):
    """Sections, tags, people and sources: short lists, plain limit/offset, bounded so a
    huge number is a 422 and not a database overflow."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=10_000_000)


def _no_nul(location: str, **values) -> None:
    """PostgreSQL cannot compare text with NUL in it: a clear 422 instead of a 500."""
    for name, value in values.items():
        if value and "\x00" in value:
            raise FieldError(name, "must not contain NUL characters", location)


# Ids beyond a 64-bit integer are a 422, not an OverflowError in the database driver.
StoryId = Annotated[int, Path(ge=1, le=2**63 - 1)]

router = Router(tags=["read"])  # write_routes adds its operations to this one too

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/stories", response={200: StoryPageOut, 401: ErrorOut, 422: ErrorOut})
def list_stories(
    request,
    section: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    source: str | None = None,
    language: str | None = None,
    published_after: datetime | None = None,
    published_before: datetime | None = None,
    cursor: str | None = Query(None, max_length=200),  # noqa: B008  ninja declares params so
    limit: int = Query(20, ge=1, le=MAX_LIMIT),  # noqa: B008
):
    """Live stories, newest first. Follow `next` (or pass `next_cursor`) for older ones."""
    auth.reader(request)  # a key, if sent, must be valid
    _no_nul("query", section=section, tag=tag, author=author, source=source, language=language)
    filters = StoryFilters(
        section=section,
        tag=tag,
        author=author,
        source=source,
        language=language,
        published_after=utc_or_error("published_after", published_after, "query"),
        published_before=utc_or_error("published_before", published_before, "query"),
    )
    items, next_cursor = story_page(filters, cursor, limit)
    next_url = None
    if next_cursor:
        query = {k: v for k, v in request.GET.items() if k != "cursor"}
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(query)}")
    return {"items": items, "next_cursor": next_cursor, "next": next_url}


@router.get("/stories/{story_id}", response={200: StoryOut, **READ_ERRORS})
def get_story(request, story_id: StoryId, response: HttpResponse):
    """`ETag` is the story's version: send it back as `If-Match` with a PATCH."""
    story = reading.story_for_reader(story_id, auth.reader(request))
    response["ETag"] = versions.etag(story)
    return story


@router.get("/stories/{story_id}/ninjs", response={200: dict, **READ_ERRORS})
def get_story_ninjs(request, story_id: StoryId, version: str = ninjs.DEFAULT_VERSION):
    """The story as IPTC ninjs: `version` 2.0 (the default) or 3.1; each validates against
    IPTC's schema of the version it declares."""
    if version not in ninjs.VERSIONS:
        raise FieldError("version", f"ninjs versions offered: {', '.join(ninjs.VERSIONS)}", "query")
    story = reading.story_for_reader(story_id, auth.reader(request))
    return ninjs.story_as_ninjs(request, story, version=version)


@router.get("/sections", response={200: list[SectionOut], 422: ErrorOut})
@paginate(BoundedLimitOffset)
def list_sections(request):
    return Section.objects.order_by("order", "name", "pk")


@router.get("/sections/{slug}", response={200: SectionOut, 404: ErrorOut})
def get_section(request, slug: str):
    _no_nul("path", slug=slug)
    return get_object_or_404(Section, slug=slug)


@router.get("/tags", response={200: list[TagOut], 422: ErrorOut})
@paginate(BoundedLimitOffset)
def list_tags(request):
    return Tag.objects.order_by("name", "pk")


@router.get("/people", response={200: list[PersonOut], 422: ErrorOut})
@paginate(BoundedLimitOffset)
def list_people(request):
    return Person.objects.order_by("name", "pk")


@router.get("/sources", response={200: list[SourceOut], 422: ErrorOut})
@paginate(BoundedLimitOffset)
def list_sources(request):
    return Source.objects.order_by("name", "pk")
