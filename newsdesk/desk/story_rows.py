"""The story list's rows, rendered by Jinja2 (the readers' template engine): a page of
fifty rows of links, dates and translated labels costs the Django template language
several times as long, on the desk's most used page."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from newsdesk.content.models import Kind, Status
from newsdesk.desk.templatetags.desk import thumb_url


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


def story_rows(context: dict) -> str:
    """The rows, the search notice and the pager of the story list's `context`."""
    rows = {
        **context,
        "search_window_text": defaultfilters.floatformat(context["search_window"], "0g"),
        # Each label translated once a page, not once a row.
        "kind_labels": {code: str(label) for code, label in Kind.choices},
        "state_labels": {code: str(label) for code, label in Status.choices},
        "thumb_url": thumb_url,
        "local_date": local_date,
    }
    return mark_safe(render_to_string("desk/story_rows.html", rows, using="jinja2"))
