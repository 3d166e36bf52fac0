"""Claims in the content API: a ninja Router the API app mounts at /api/claims/.

Reading is public and shows what readers see: claims not removed by an editor, in live
stories. Filters are those of the /claims/ pages (speaker, unit, a range of values) and a
story's id."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from newsdesk.claims import search
from newsdesk.claims.models import ClaimStatus
from newsdesk.claims.numbers import plain

MAX_LIMIT = 200


class ClaimFilters(Schema):
    speaker: str = Field("", max_length=200, description="Part of the speaker's name.")
    unit: str = Field("", max_length=100, description="Part of the unit or what is counted.")
    min: Decimal | None = Field(None, description="Smallest value.", ge=-(10**23), le=10**23)
    max: Decimal | None = Field(None, description="Largest value.", ge=-(10**23), le=10**23)
    story: int | None = Field(None, ge=1, le=2**63 - 1, description="One story's claims.")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


class ClaimStoryOut(Schema):
    id: int
    headline: str
    url: str
    published_at: datetime | None


class ClaimOut(Schema):
    id: int
    figure: str = Field(description='The figure as written: "$3.4bn".')
    value: str = Field(description='The exact value, as a decimal string: "3400000000".')
    unit: str = Field(description='A currency code, "percent", or what is counted.')
    display: str = Field(description='Value and unit for people: "3,400,000,000 USD".')
    speaker: str
    outlet: str = Field(description="The outlet that carried it, when the story names one.")
    said_on: date | None
    sentence: str
    checked_by_editor: bool
    story: ClaimStoryOut


class ClaimPageOut(Schema):
    count: int
    results: list[ClaimOut]


class ClaimError(Schema):
    detail: str | list


def build_router() -> Router:
    router = Router(tags=["claims"])

    @router.get(
        "/",
        response={200: ClaimPageOut, 422: ClaimError},
        summary="Figures quoted in live stories, with who gave them",
    )
    def list_claims(request: HttpRequest, filters: Query[ClaimFilters]):
        wanted = search.ClaimSearch(filters.speaker, filters.unit, filters.min, filters.max)
        claims = search.find(wanted)
        if filters.story is not None:
            claims = claims.filter(story_id=filters.story)
        window = claims[filters.offset : filters.offset + filters.limit]
        return {"count": claims.count(), "results": [_out(request, claim) for claim in window]}

    return router


def _out(request, claim) -> dict:
    story = claim.story
    return {
        "id": claim.pk,
        "figure": claim.quote,
        "value": plain(claim.value),
        "unit": claim.unit,
        "display": claim.display,
        "speaker": claim.speaker,
        "outlet": claim.outlet,
        "said_on": claim.said_on,
        "sentence": claim.sentence,
        "checked_by_editor": claim.status == ClaimStatus.CONFIRMED,
        "story": {
            "id": story.pk,
            "headline": story.headline,
            "url": request.build_absolute_uri(story.get_absolute_url()),
            "published_at": story.published_at,
        },
    }


router = build_router()
