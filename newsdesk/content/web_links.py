"""Links to other sites: http and https only, when they are stored and when they are shown.

A `javascript:` or `data:` URL in an href runs on click, so every URL field takes web
addresses only (`HttpURLField`, which forms, the admin and `full_clean` all check), and every
template that renders a stored URL passes it through `web_url`, which turns anything else into
an empty string: rows written before the rule, or by code that skipped validation, stay inert.
"""

from urllib.parse import urlsplit

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=gettext_lazy("Enter a web address starting with http:// or https://."),
)


def is_web_url(value) -> bool:
    """True for an absolute http(s) URL with a host (what a reader's click may open)."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def web_url(value) -> str:
    """`value` if it is an http(s) URL, else "" (templates show no link for it)."""
    return value.strip() if is_web_url(value) else ""


class HttpURLField(models.URLField):
    """A URLField that accepts http and https only (Django's default also takes ftp)."""

    default_validators = [validate_web_url]

    def formfield(self, **kwargs):
        # The form field validates with the model's validators on top of its own.
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        # Validators are not part of the schema: migrations see a plain URLField, so this
        # rule needs no migration and changes nothing in the database.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
