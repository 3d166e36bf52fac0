"""What a story's page shows as related: its stored list, live stories only.

Read by a prepared query (content/services/prepared.py) as plain rows of the few columns the
list shows, not as stories: building full model instances, and the queryset each request,
cost the page more than the rest of its related list.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from newsdesk.content.models.story import story_paths
from newsdesk.content.services.prepared import Limit, Prepared
from newsdesk.content.services.visibility import live_stories
from newsdesk.related.compute import SHOWN


def page_key(story_id) -> str:
    """The page-cache key of the pages showing this story's related list (its own page)."""
    return f"related-of-{story_id}"


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """One line of the list: a live story's link, headline, section name and date."""

    pk: int
    slug: str
    headline: str
    published_at: datetime
    section_name: str | None

    def get_absolute_url(self) -> str:
        return story_paths()(self.pk, self.slug)


_related = Prepared(
    lambda story_id, now, n: (
        live_stories(now)
        .filter(related_by__story_id=story_id)
        .order_by("related_by__rank")
        .values_list("pk", "slug", "headline", "published_at", "section__name")[:n]
    )
)


def related_stories(story, limit: int = SHOWN, using: str = DEFAULT_DB_ALIAS) -> list:
    """The stories related to `story` that readers may see now, best first."""
    rows = _related.rows(using, story_id=story.pk, now=timezone.now(), n=Limit(limit))
    return [RelatedItem(*row) for row in rows]
