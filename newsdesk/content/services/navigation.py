"""Sections shown in the site's navigation, kept in each process because every page needs them.

Every page asks; reading the list from the shared cache cost ≈ 45 µs (unpickling the
sections), a sizeable part of a 1 ms page. So each process keeps the list it read, with the
version it was read at; the version lives in the shared cache (a short value, cheap to
read) and changes whenever a section is saved or deleted — at once, and again when the
change is committed, so no process keeps a list read before the commit. The list is read
again after five minutes anyway, for changes that bypass model signals.
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.content.models import Section

NAV_VERSION_KEY = "newsdesk:nav-sections-version"
NAV_MAX_AGE = 300  # seconds

_kept: tuple = (None, 0.0, [])  # (version, read at, sections); replaced whole, never changed


def nav_sections(edition: str | None = None) -> list[Section]:
    """The navigation's sections: of one edition (its code), or all of them (None)."""
    sections = _all_nav_sections()
    if edition is None:
        return sections
    return [section for section in sections if section.edition == edition]


def _all_nav_sections() -> list[Section]:
    global _kept
    version = cache.get(NAV_VERSION_KEY)
    if version is None:
        cache.add(NAV_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(NAV_VERSION_KEY)
    kept_version, read_at, sections = _kept
    now = time.monotonic()
    if version is None or kept_version != version or now - read_at > NAV_MAX_AGE:
        sections = list(Section.objects.filter(show_in_nav=True, parent=None))
        _kept = (version, now, sections)
    return sections


def _new_version():
    cache.set(NAV_VERSION_KEY, uuid.uuid4().hex, None)


@receiver([post_save, post_delete], sender=Section)
def _forget_nav(**kwargs):
    _new_version()
    transaction.on_commit(_new_version)
