"""Each edition's URLs: the main edition's are the root URLconf's; another edition's are the
readers' patterns of the root URLconf again, under its prefix (`/fa/story/…`).

A request of an edition is resolved with that edition's URLconf (Django's `request.urlconf`),
so every URL its pages make — `reverse()`, `get_absolute_url()`, the page cache's paths —
stays in the edition with no edition argument threaded through the views.
"""

from functools import lru_cache
from importlib import import_module

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import include, path, reverse

from newsdesk.editions.config import Edition, edition_named, editions


class EditionURLconf:
    """A URLconf as Django takes one (anything with `urlpatterns`), kept once per edition:
    Django caches its resolver by the object, so it must hash by identity."""

    def __init__(self, urlpatterns: list):
        self.urlpatterns = urlpatterns


@lru_cache(maxsize=16)
def _urlconf(code: str, prefix: str, root: str):
    site = import_module(root)  # the root URLconf, as Django itself loads it
    readers = list(site.reader_patterns)
    others = [pattern for pattern in site.urlpatterns if pattern not in readers]
    return EditionURLconf([path(f"{prefix}/", include(readers)), *others])


def urlconf_for(edition: Edition):
    """The URLconf that an edition's requests are resolved and reversed with."""
    if edition.is_main:
        return settings.ROOT_URLCONF
    return _urlconf(edition.code, edition.prefix, settings.ROOT_URLCONF)


def url_in(edition: Edition, viewname: str, *args, **kwargs) -> str:
    """A URL path of `edition`, whichever edition is being served."""
    return reverse(viewname, urlconf=urlconf_for(edition), args=args, kwargs=kwargs)


def story_url(story) -> str:
    """A story's URL path in its own edition (a story, or a row with pk, slug, edition)."""
    edition = edition_named(story.edition)
    return url_in(edition, "public:story", pk=story.pk, slug=story.slug or "story")


def urlconfs() -> list:
    return [urlconf_for(edition) for edition in editions()]


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "NEWSDESK_EDITIONS"):
        _urlconf.cache_clear()
