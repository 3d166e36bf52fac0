"""What a story's page shows as related: its stored list, live stories only."""

from newsdesk.content.services.visibility import live_stories
from newsdesk.related.compute import SHOWN


def page_key(story_id) -> str:
    """The page-cache key of the pages showing this story's related list (its own page)."""
    return f"related-of-{story_id}"


def related_stories(story, limit: int = SHOWN) -> list:
    """The stories related to `story` that readers may see now, best first."""
    return list(
        live_stories()
        .filter(related_by__story_id=story.pk)
        .select_related("section")
        .order_by("related_by__rank")[:limit]
    )
