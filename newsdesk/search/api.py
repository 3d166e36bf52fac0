"""Search in the content API: a ninja Router the API app mounts (e.g. at /api/search/).

`build_router()` makes a fresh Router each call (a Router belongs to one NinjaAPI);
`router` is the one the content API mounts.
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from newsdesk.content.models import Person, Section, Source
from newsdesk.content.services.pages import PageNotFound
from newsdesk.search import services


class SearchParams(Schema):
    q: str = ""
    section: str | None = None
    author: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = services.SORT_RELEVANCE
    page: int = 1


class SearchHit(Schema):
    id: int
    headline: str
    url: str
    published_at: datetime | None
    section: str | None
    headline_html: str
    snippet_html: str


class SearchResponse(Schema):
    query: str
    total: int
    # True when `total` is an estimate (large result sets): see SearchBackend.count.
    total_is_estimate: bool
    page: int
    num_pages: int
    results: list[SearchHit]


class SearchError(Schema):
    """`{"detail": ...}`: a sentence, or for unparsable parameters a list naming each one."""

    detail: str | list


class Suggestion(Schema):
    id: int
    headline: str
    url: str


def _by_slug(model, slug, name):
    if not slug:
        return None
    found = None if "\x00" in slug else model.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(422, f"Unknown {name}: {slug[:100]}")
    return found


def build_router() -> Router:
    router = Router(tags=["search"])

    @router.get(
        "/",
        response={200: SearchResponse, 404: SearchError, 422: SearchError},
        summary="Search live stories",
    )
    def search(request: HttpRequest, params: Query[SearchParams]):
        if params.sort not in (services.SORT_RELEVANCE, services.SORT_DATE):
            raise HttpError(422, "sort must be 'relevance' or 'date'")
        filters = services.SearchFilters(
            section=_by_slug(Section, params.section, "section"),
            author=_by_slug(Person, params.author, "author"),
            source=_by_slug(Source, params.source, "source"),
            date_from=params.date_from,
            date_to=params.date_to,
        )
        try:
            found = services.search(params.q, filters=filters, sort=params.sort, page=params.page)
        except (PageNotFound, services.PageOutOfRange):
            raise HttpError(404, "No such page of results") from None
        return {
            "query": found.query.text,
            "total": found.total,
            "total_is_estimate": found.estimated,
            "page": found.page.number,
            "num_pages": found.page.num_pages,
            "results": [
                {
                    "id": story.pk,
                    "headline": story.headline,
                    "url": request.build_absolute_uri(story.get_absolute_url()),
                    "published_at": story.published_at,
                    "section": story.section.name if story.section else None,
                    "headline_html": str(story.search_headline),
                    "snippet_html": str(story.search_snippet),
                }
                for story in found.stories
            ],
        }

    @router.get(
        "/suggest",
        response={200: list[Suggestion], 422: SearchError},
        summary="Stories as the reader types",
    )
    def suggest(request: HttpRequest, q: str = ""):
        return [
            {
                "id": story.pk,
                "headline": story.headline,
                "url": request.build_absolute_uri(story.get_absolute_url()),
            }
            for story in services.suggest(q)
        ]

    return router


router = build_router()
