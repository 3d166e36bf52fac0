"""The one answer to "may this reader see this story?", as a query and as a check."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import LIVE_STATUSES, Byline, Image, Person, Story

# A picture found public is remembered this long: the body search below reads every live
# story's text, too much for each picture request. An unpublished story's pictures stop
# answering within this time, as a CDN's copies do (NEWSDESK_CDN_MAX_AGE).
PUBLIC_IMAGE_SECONDS = 60


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


def image_is_public(image: Image) -> bool:
    """Readers can see this picture: on a live story (featured, gallery or in its text) or
    as a person's photo. Pictures of drafts and embargoed stories are not public."""
    key = f"public-image:{image.pk}"
    if cache.get(key):
        return True
    live = live_stories()
    public = (
        Person.objects.filter(photo=image).exists()
        or live.filter(Q(featured_image=image) | Q(gallery_items__image=image)).exists()
        or live.filter(
            Q(body__contains=f"/images/{image.pk}/")
            | Q(body__contains=f"{settings.MEDIA_URL}{image.file.name}")
        ).exists()
    )
    if public:
        cache.set(key, True, PUBLIC_IMAGE_SECONDS)
    return public


def image_visible_to(user, image: Image) -> bool:
    return can_preview(user) or image_is_public(image)


def with_listing_relations(queryset: QuerySet[Story]) -> QuerySet[Story]:
    """What a list of stories shows (section, picture, bylines) in a fixed number of queries."""
    return queryset.select_related("section", "featured_image").prefetch_related(
        Prefetch("byline_set", queryset=Byline.objects.select_related("person"))
    )


def with_page_relations(queryset: QuerySet[Story]) -> QuerySet[Story]:
    return with_listing_relations(queryset).prefetch_related("tags", "sources")
