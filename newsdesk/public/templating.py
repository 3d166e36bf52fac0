"""The Jinja2 environment of the readers' pages (settings.TEMPLATES, first engine).

Jinja2 renders a page in a fraction of the Django template language's time (a home page
shows some 60 story cards). What the pages used from Django's templates is here, with
the same output: dates in the site's time zone with localized month and day names,
URLs from the URL patterns, static file URLs, Django's own text filters.
"""

from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache

from django.conf.locale import LANG_INFO
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.template.defaultfilters import linebreaksbr, pluralize
from django.utils import dateformat, timezone, translation
from jinja2 import Environment, Template, pass_context

from newsdesk.content.links import fast_reverse, routing_fixed, static_url
from newsdesk.public.pictures import picture, story_gallery
from newsdesk.syndication import structured_data

# (time zone, language) while a page renders: see PageTemplate.
_fixed_locale: ContextVar[tuple | None] = ContextVar("fixed_locale", default=None)


def _locale():
    return _fixed_locale.get() or (timezone.get_current_timezone(), translation.get_language())


class PageTemplate(Template):
    """Reads the time zone, language, URLconf and script prefix once a render: Django keeps
    them in asgiref Locals (≈ 2 µs a read) and a home page's dates and URLs read them some
    400 times. Nothing a template calls activates another language, zone or URLconf."""

    def render(self, *args, **kwargs):
        token = _fixed_locale.set((timezone.get_current_timezone(), translation.get_language()))
        try:
            with routing_fixed():
                return super().render(*args, **kwargs)
        finally:
            _fixed_locale.reset(token)


def date(value, format_string: str) -> str:
    """Django's `date` filter: aware datetimes are shown in the current time zone."""
    if value in (None, ""):
        return ""
    zone, language = _locale()
    return _formatted(value, format_string, zone if isinstance(value, datetime) else None, language)


def today(format_string: str) -> str:
    """Django's `{% now %}` for a date: today in the current time zone."""
    zone, language = _locale()
    return _formatted(timezone.localdate(timezone=zone), format_string, None, language)


@lru_cache(maxsize=4096)
def _formatted(value, format_string, zone, language):
    """Formatting costs more than the rest of a story card; a page's dates come back on
    every request. `language` is part of the key: month and day names are translated."""
    if zone is not None and timezone.is_aware(value):
        value = value.astimezone(zone)
    return dateformat.format(value, format_string)


def truncatechars(value, length):
    return _truncated(defaultfilters.truncatechars, value, length)


def truncatewords(value, length):
    return _truncated(defaultfilters.truncatewords, value, length)


def _truncated(truncate, value, length):
    """Django's filter, its result kept for plain text: a summary or standfirst is cut on
    every page that shows it, and Django's Truncator weighs each character (≈ 30 µs)."""
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
    _truncated_text.cache_clear()


def iso(value) -> str:
    """A machine-readable time (HTML <time>, JSON-LD, OpenGraph) to the second."""
    return value.isoformat(timespec="seconds") if value else ""


def text_direction(language_code: str) -> str:
    """ "rtl" for right-to-left languages (Persian, Arabic, Hebrew, Urdu…), else "ltr"."""
    code = (language_code or "").lower()
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    return "rtl" if info.get("bidi") else "ltr"


def url(viewname: str, *args, **kwargs) -> str:
    """`{% url %}`: Django's reverse(), through the per-pattern cache of fast_reverse."""
    return fast_reverse(viewname, args, kwargs)


@pass_context
def feed_links(context):
    """The listing's own feeds (of its section, tag or person), then the whole site's."""
    return structured_data.feed_links(context)


def environment(**options) -> Environment:
    env = Environment(**options)  # noqa: S701  autoescape comes from the settings (on)
    env.template_class = PageTemplate
    env.globals.update(
        url=url,
        static=static_url,
        today=today,
        get_language=translation.get_language,
        get_language_bidi=translation.get_language_bidi,
        picture=picture,
        story_gallery=story_gallery,
        story_meta=structured_data.story_meta,
        breadcrumb_json_ld=structured_data.breadcrumb_json_ld,
        feed_links=feed_links,
    )
    env.filters.update(
        date=date,
        iso=iso,
        text_direction=text_direction,
        truncatechars=truncatechars,
        truncatewords=truncatewords,
        linebreaksbr=linebreaksbr,
        intcomma=intcomma,
        pluralize=pluralize,
    )
    return env
