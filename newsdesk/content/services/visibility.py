"""The one answer to "may this reader see this story?", as a query and as a check."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from newsdesk.content.models import LIVE_STATUSES, Byline, Story


def live_stories(now=None) -> QuerySet[Story]:
    """Stories the public may read now. Scheduled stories appear when their time comes."""
    return Story.objects.filter(
        status__in=LIVE_STATUSES,
        published_at__lte=now or timezone.now(),
        deleted_at__isnull=True,
    )


def can_preview(user) -> bool:
    """Unpublished and embargoed stories are for the newsroom: an active staff account whose
    role may view or change stories (Contributor and up; in Django, change implies view),
    not every account that can log in."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.has_perm("content.view_story") or user.has_perm("content.change_story"))
    )


def previewable_stories() -> QuerySet[Story]:
    """What staff may open on the public site, as a preview: every story not in the trash."""
    return Story.objects.filter(deleted_at__isnull=True)


def visible_stories(user=None) -> QuerySet[Story]:
    """Live stories for readers; every story that is not in the trash for staff."""
    if can_preview(user):
        return previewable_stories()
    return live_stories()


def with_listing_relations(queryset: QuerySet[Story]) -> QuerySet[Story]:
    """What a list of stories shows (section, picture, bylines) in a fixed number of queries."""
    return queryset.select_related("section", "featured_image").prefetch_related(
        Prefetch("byline_set", queryset=Byline.objects.select_related("person"))
    )


def with_page_relations(queryset: QuerySet[Story]) -> QuerySet[Story]:
    return with_listing_relations(queryset).prefetch_related("tags", "sources")
