"""Sections shown in the site's navigation, cached because every page needs them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.content.models import Section

NAV_CACHE_KEY = "newsdesk:nav-sections"


def nav_sections() -> list[Section]:
    return cache.get_or_set(
        NAV_CACHE_KEY, lambda: list(Section.objects.filter(show_in_nav=True, parent=None)), 300
    )


@receiver([post_save, post_delete], sender=Section)
def _forget_nav(**kwargs):
    cache.delete(NAV_CACHE_KEY)
