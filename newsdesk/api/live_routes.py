"""Live coverage in the content API: a live blog's entries (newest first, by keyset) and
the breaking alert shown now. Same visibility rule as the site."""

from datetime import datetime
from typing import Annotated

from django.http import Http404
from ninja import Field, Query, Router, Schema

from newsdesk.api import auth
from newsdesk.api.read_routes import READ_ERRORS, StoryId
from newsdesk.api.story_queries import MAX_LIMIT
from newsdesk.content.models import Kind
from newsdesk.content.services import reading as story_reading
from newsdesk.live import alerts
from newsdesk.live import reading as live_reading

router = Router(tags=["live"])


class EntryOut(Schema):
    id: int
    title: str
    body: str
    key_event: bool
    pinned: bool
    posted_at: datetime
    updated_at: datetime
    authors: list[str] = Field(..., description="Names of the entry's authors.")
    url: str

    @staticmethod
    def resolve_authors(entry) -> list[str]:
        return [person.name for person in entry.authors.all()]

    @staticmethod
    def resolve_url(entry) -> str:
        return entry.get_absolute_url()


class EntryPageOut(Schema):
    archived: bool
    coverage_start: datetime | None
    coverage_end: datetime | None
    items: list[EntryOut]
    next_before: int | None = Field(
        None, description="Pass as `before` for the next (older) entries; null at the first."
    )


class AlertOut(Schema):
    id: int
    headline: str
    link: str
    started_at: datetime
    expires_at: datetime | None


def _live_story(request, story_id):
    story = story_reading.story_for_reader(story_id, auth.reader(request))
    if story.kind != Kind.LIVE:
        raise Http404("This story is not a live blog")
    return story


@router.get("/stories/{story_id}/entries", response={200: EntryPageOut, **READ_ERRORS})
def list_entries(
    request,
    story_id: StoryId,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
):
    """A live blog's entries, newest first (the pinned one among them); `before` an entry's
    id gives the entries posted before it."""
    story = _live_story(request, story_id)
    entries = live_reading.entries_of(story.pk)
    if before is not None:
        anchor = live_reading.entry_or_404(story, before)
        entries = entries.filter(posted_at__lte=anchor.posted_at).exclude(
            posted_at=anchor.posted_at, id__gte=anchor.pk
        )
    rows = list(entries[: limit + 1])
    blog = live_reading.blog_of(story)
    return {
        "archived": blog.archived,
        "coverage_start": blog.coverage_start,
        "coverage_end": blog.coverage_end,
        "items": rows[:limit],
        "next_before": rows[limit - 1].pk if len(rows) > limit else None,
    }


@router.get("/stories/{story_id}/entries/{entry_id}", response={200: EntryOut, **READ_ERRORS})
def get_entry(request, story_id: StoryId, entry_id: StoryId):
    return live_reading.entry_or_404(_live_story(request, story_id), entry_id)


@router.get("/breaking", response={200: AlertOut | None})
def breaking(request):
    """The breaking alert every page shows now, or null."""
    return alerts.current()
