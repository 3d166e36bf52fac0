from django import template
from django.conf.locale import LANG_INFO

register = template.Library()


@register.filter
def text_direction(language_code: str) -> str:
    """ "rtl" for right-to-left languages (Persian, Arabic, Hebrew, Urdu…), else "ltr"."""
    code = (language_code or "").lower()
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    return "rtl" if info.get("bidi") else "ltr"


@register.filter
def iso(value) -> str:
    """A machine-readable time (HTML <time>, JSON-LD, OpenGraph) to the second."""
    return value.isoformat(timespec="seconds") if value else ""
