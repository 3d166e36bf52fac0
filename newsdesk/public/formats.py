"""Django's text and date filters for the readers' pages, with the same output, kept where
the result is a pure function of its key: dates and summaries come back on every page.

The time zone and language are read once a render (`locale_fixed()`): Django keeps them
in asgiref Locals, ≈ 2 µs a read, and a home page shows some 100 dates and summaries.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.utils import dateformat, timezone, translation

from newsdesk.editions.current import current_edition
from newsdesk.public.calendars import DIGITS, is_native, native_format

# (time zone, language, edition) while a page renders; None outside of locale_fixed().
_fixed_locale: ContextVar[tuple | None] = ContextVar("fixed_locale", default=None)


@contextmanager
def locale_fixed():
    """For a block in which the time zone, language and edition cannot change (rendering a
    page)."""
    token = _fixed_locale.set(_live_locale())
    try:
        yield
    finally:
        _fixed_locale.reset(token)


def _locale() -> tuple:
    return _fixed_locale.get() or _live_locale()


def _live_locale() -> tuple:
    return timezone.get_current_timezone(), translation.get_language(), current_edition()


def date(value, format_string: str) -> str:
    """Django's `date` filter: aware datetimes are shown in the current time zone."""
    if value in (None, ""):
        return ""
    zone, language, edition = _locale()
    zone = zone if isinstance(value, datetime) else None
    return _formatted(value, format_string, zone, language, edition)


def language() -> str | None:
    """`translation.get_language()`: the page's language (<html lang>)."""
    return _locale()[1]


def language_bidi() -> bool:
    """`translation.get_language_bidi()`: whether the page's language is right-to-left."""
    return _bidi(_locale()[1])


@lru_cache(maxsize=64)
def _bidi(language_code: str | None) -> bool:
    with translation.override(language_code):
        return translation.get_language_bidi()


def today(format_string: str) -> str:
    """Django's `{% now %}` for a date: today in the current time zone."""
    zone, language, edition = _locale()
    return _formatted(timezone.localdate(timezone=zone), format_string, None, language, edition)


@lru_cache(maxsize=4096)
def _formatted(value, format_string, zone, language, edition):
    """`language` and `edition` are part of the key: month and day names are translated,
    and an edition may write dates in its own calendar and digits (calendars.py)."""
    if zone is not None and timezone.is_aware(value):
        value = value.astimezone(zone)
    if is_native(edition):
        return native_format(value, format_string, edition)
    return dateformat.format(value, format_string)


def digits(value) -> str:
    """A number written in the edition's digits (Persian ۱۲۳, Arabic-Indic ١٢٣, or 123)."""
    table = DIGITS[_locale()[2].digits]
    return str(value).translate(table) if table else str(value)


def iso(value) -> str:
    """A machine-readable time (HTML <time>, JSON-LD, OpenGraph) to the second."""
    return value.isoformat(timespec="seconds") if value else ""


def truncatechars(value, length):
    return _truncated(defaultfilters.truncatechars, value, length)


def truncatewords(value, length):
    return _truncated(defaultfilters.truncatewords, value, length)


def _truncated(truncate, value, length):
    """Django's filter, its result kept for plain text: Django's Truncator weighs each
    character (≈ 30 µs a summary)."""
    if type(value) is not str:  # safe strings stay safe, and other values become text
        return truncate(value, length)
    return _truncated_text(truncate, value, length, _locale()[1])


@lru_cache(maxsize=4096)
def _truncated_text(truncate, text, length, language):
    """`language` is part of the key: the ellipsis is translated."""
    return truncate(text, length)


@receiver(setting_changed)
def _forget_formatted(**kwargs):  # translations and time zones may change in tests
    _formatted.cache_clear()
    _bidi.cache_clear()
    _truncated_text.cache_clear()
