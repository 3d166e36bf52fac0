"""Finding claims across stories, for readers and the API: by speaker, by unit, by a range
of values, in live stories only, newest story first.

A search is addressed by its path (`/claims/find/speaker/health-ministry/unit/people/`),
never by a query string, so the page cache can keep and purge each one like any page."""

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from django.core.paginator import Paginator
from django.db.models import Count, Min, QuerySet
from django.urls import reverse

from newsdesk.claims.models import Claim, ClaimStatus, search_key
from newsdesk.claims.numbers import plain
from newsdesk.content.services.visibility import live_stories

PER_PAGE = 50
ORDER = ("speaker", "unit", "min", "max", "page")


class BadSearch(ValueError):
    pass


@dataclass(frozen=True)
class ClaimSearch:
    speaker: str = ""  # a search key (search_key()): a part of the speaker's
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    page: int = 1

    @classmethod
    def from_path(cls, path: str) -> "ClaimSearch":
        """`speaker/health-ministry/min/100/page/2` → the search; BadSearch if malformed."""
        parts = [part for part in path.split("/") if part]
        if len(parts) % 2:
            raise BadSearch("incomplete search address")
        given = dict(zip(parts[::2], parts[1::2], strict=True))
        names = [name for name in ORDER if name in given]
        if list(given) != names:
            raise BadSearch("unknown or misordered search terms")
        try:
            search = cls(
                speaker=given.get("speaker", ""),
                unit=given.get("unit", ""),
                low=Decimal(given["min"]) if "min" in given else None,
                high=Decimal(given["max"]) if "max" in given else None,
                page=int(given.get("page", 1)),
            )
        except (InvalidOperation, ValueError):
            raise BadSearch("numbers in the search address are not numbers") from None
        if search.path() != "/".join(parts):
            raise BadSearch("not the search's own address")  # one address per search
        return search

    def path(self) -> str:
        values = {
            "speaker": search_key(self.speaker),
            "unit": search_key(self.unit),
            "min": "" if self.low is None else plain(self.low),
            "max": "" if self.high is None else plain(self.high),
            "page": str(self.page) if self.page > 1 else "",
        }
        return "/".join(f"{name}/{values[name]}" for name in ORDER if values[name])

    def url(self, page: int | None = None) -> str:
        search = replace(self, page=page) if page else self
        path = search.path()
        return reverse("claims:find", args=[path]) if path else reverse("claims:index")

    @property
    def is_empty(self) -> bool:
        return not (self.speaker or self.unit or self.low is not None or self.high is not None)


def shown_claims() -> QuerySet[Claim]:
    """Claims readers may see: not removed, in a live story."""
    return Claim.objects.exclude(status=ClaimStatus.REMOVED).filter(story__in=live_stories())


def find(search: ClaimSearch) -> QuerySet[Claim]:
    claims = shown_claims()
    if search.speaker:
        claims = claims.filter(speaker_key__contains=search_key(search.speaker))
    if search.unit:
        claims = claims.filter(unit_key__contains=search_key(search.unit))
    if search.low is not None:
        claims = claims.filter(value__gte=search.low)
    if search.high is not None:
        claims = claims.filter(value__lte=search.high)
    return claims.select_related("story").order_by("-story__published_at", "story_id", "position")


def page_of(search: ClaimSearch):
    """The page of results the search asks for; Paginator's EmptyPage if there is none."""
    return Paginator(find(search), PER_PAGE).page(search.page)


def frequent(field: str, limit: int = 20) -> list[tuple[str, str, int]]:
    """The speakers or units most figures come from: (key, as written, count)."""
    rows = (
        shown_claims()
        .exclude(**{f"{field}_key": ""})
        .values(f"{field}_key")
        .annotate(count=Count("id"), shown=Min(field))
        .order_by("-count", f"{field}_key")[:limit]
    )
    return [(row[f"{field}_key"], row["shown"], row["count"]) for row in rows]
