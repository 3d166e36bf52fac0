"""The story list's rows, rendered by Jinja2 (the readers' template engine): a page of
fifty rows of links, dates and translated labels costs the Django template language
several times as long, on the desk's most used page."""

from django.template import defaultfilters
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsdesk.content.local_dates import local_date
from newsdesk.content.models import Kind, Status
from newsdesk.desk.templatetags.desk import thumb_url


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
