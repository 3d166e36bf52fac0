"""A story's lineage: the copy it was made from (recorded where copy becomes a story: the
wire's accept and merge, the importers, the desk's and the API's "new story"), its public
corrections and updates, and when it was edited (from its revisions).

`lineage(story)` is what readers' pages, structured data, the API and ninjs show; one place,
so the "About this story" box, JSON-LD and ninjs never disagree.
"""

from __future__ import annotations

from datetime import datetime

from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from newsdesk.content.models import Correction, Revision, Route, Source, Story, StoryOrigin
from newsdesk.content.models.provenance import Use
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.rows import Columns, related_list, set_related
from newsdesk.content.web_links import web_url


def _fits(name: str, value: str) -> str:
    limit = StoryOrigin._meta.get_field(name).max_length
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "\u2026"


def record_origin(
    story: Story,
    route: str,
    *,
    agency: Source | None = None,
    url: str = "",
    headline: str = "",
    published_at: datetime | None = None,
    ingested_at: datetime | None = None,
    reference: str = "",
    merged: bool = False,
) -> StoryOrigin:
    """Note that `story` was made from (or, `merged`, credits) one piece of copy. Called
    inside the transaction that makes or changes the story, so both stand or fall together.
    An address that is not http(s), or too long to keep whole, is left out, never cut."""
    url = web_url(url or "")
    origin = StoryOrigin(
        story=story,
        route=route,
        use=Use.MERGED if merged else Use.MADE_FROM,
        agency=agency,
        url=url if len(url) <= StoryOrigin._meta.get_field("url").max_length else "",
        headline=_fits("headline", headline or ""),
        published_at=published_at,
        reference=_fits("reference", reference),
    )
    if ingested_at is not None:
        origin.ingested_at = ingested_at
    origin.save()
    return origin


def typed_in(story: Story) -> StoryOrigin:
    return record_origin(story, Route.TYPED)


class Lineage:
    """What is known of a story's origin; the parts readers' pages do not show (edits)
    are read only when asked for."""

    def __init__(self, story: Story, origins: list[StoryOrigin]):
        self.story = story
        self.origins = origins

    @cached_property
    def corrections(self) -> list[Correction]:
        """Its public corrections and updates, oldest first (as the page has read them)."""
        return related_list(self.story, "corrections")

    @cached_property
    def edits(self) -> list[datetime]:
        """When it was saved, from its revisions, oldest first."""
        revisions = Revision.objects.filter(story=self.story).order_by("created_at", "id")
        return list(revisions.values_list("created_at", flat=True))

    @property
    def agencies(self) -> list[Source]:
        """The agencies whose copy the story is based on, in the order it arrived; the
        story's credited sources when no copy was recorded (older stories)."""
        found: dict[int, Source] = {}
        for origin in self.origins:
            if origin.agency is not None:
                found.setdefault(origin.agency.pk, origin.agency)
        if not found and not self.typed:
            for source in related_list(self.story, "sources"):
                found.setdefault(source.pk, source)
        return list(found.values())

    @property
    def copies(self) -> list[StoryOrigin]:
        """The pieces of outside copy (not the newsroom's own typing)."""
        return [origin for origin in self.origins if origin.route != Route.TYPED]

    @property
    def typed(self) -> bool:
        return any(origin.route == Route.TYPED for origin in self.origins)

    @property
    def based_on(self) -> str:
        """ "Based on reports by IRNA and ISNA", or "" when no agency is behind it."""
        names = [agency.name for agency in self.agencies]
        if not names:
            return ""
        listed = names[0]
        if len(names) > 1:
            listed = _("%(first)s and %(last)s") % {
                "first": ", ".join(names[:-1]),
                "last": names[-1],
            }
        return _("Based on reports by %(agencies)s") % {"agencies": listed}


ORIGIN = Columns(StoryOrigin)
AGENCY = Columns(Source, "agency")
# Read on every story page: a prepared query (prepared.py) rather than a queryset built and
# compiled each time, as `select_related("agency")` in StoryOrigin's own order.
_origins = Prepared(
    lambda story_id: StoryOrigin.objects.filter(story_id=story_id).values_list(
        *ORIGIN.lookups, *AGENCY.lookups
    )
)


def lineage(story: Story) -> Lineage:
    """Everything the provenance box, JSON-LD, the API and ninjs say about `story`. Read
    once per story object: the page's box and its JSON-LD share it (one query)."""
    known = getattr(story, "lineage_read", None)
    if known is None:
        db = story._state.db or DEFAULT_DB_ALIAS
        origins = []
        for row in _origins.rows(db, story_id=story.pk):
            origin = ORIGIN.build(row, 0, db)
            set_related(origin, "agency", AGENCY.build(row, ORIGIN.width, db))
            origins.append(origin)
        known = story.lineage_read = Lineage(story, origins)
    return known
