"""Dates for the desk's lists rendered by Jinja2 (the story list's rows, the wire queue):
the text Django's `date` filter gives in a Django template, each (time, format, zone,
language) formatted once: a list shows the same times on every visit."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.utils import timezone, translation


def local_date(value, format_string: str) -> str:
    """Django's `date` filter as a Django template applies it: in the current time zone
    (month names in the current language)."""
    zone = timezone.get_current_timezone_name()
    return _formatted(value, format_string, zone, translation.get_language())


@lru_cache(maxsize=4096)
def _formatted(value, format_string, zone, language):
    """`zone` and `language` are part of the key: they decide the text."""
    return defaultfilters.date(timezone.template_localtime(value), format_string)


@receiver(setting_changed)
def _forget_formatted(**kwargs):  # time zones and translations may change in tests
    _formatted.cache_clear()
