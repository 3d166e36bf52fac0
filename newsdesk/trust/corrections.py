"""The site's corrections and updates as readers see them: every note on a live story,
newest first, a page at a time (what newsrooms publish by hand as a corrections page)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404

from newsdesk.content.models import Correction
from newsdesk.content.services.visibility import live_stories

PER_PAGE = 20
FEED_SIZE = 50
# The page cache's key of every page listing corrections (purged by receivers.on_change).
CACHE_KEY = "corrections"


def public_notes() -> QuerySet[Correction]:
    """Notes of stories readers may see, newest first, with their stories."""
    return (
        Correction.objects.filter(story__in=live_stories())
        .select_related("story")
        .order_by("-created_at", "-id")
    )


def page(number) -> object:
    """Page `number` of the public notes; Http404 past the end (the first page always
    exists, empty or not)."""
    paginator = Paginator(public_notes(), PER_PAGE, allow_empty_first_page=True)
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page") from None


def latest(count: int = FEED_SIZE) -> list[Correction]:
    return list(public_notes()[:count])
