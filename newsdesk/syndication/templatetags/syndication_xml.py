from django import template

from newsdesk.syndication.xmltext import xml_safe as _xml_safe

register = template.Library()


@register.filter
def xml_safe(text):
    """Drop characters XML 1.0 cannot carry; autoescaping still handles & and <."""
    return _xml_safe(text)


@register.filter
def news_language(code):
    """Google News wants ISO 639 ("en", "fa"), with zh-cn / zh-tw as the exceptions."""
    code = (code or "en").lower()
    if code in ("zh-cn", "zh-tw"):
        return code
    return code.split("-")[0]


@register.filter
def w3c_datetime(value):
    """W3C datetime to the second, e.g. 2026-11-25T06:55:48+00:00 (sitemaps, Google News)."""
    return value.isoformat(timespec="seconds") if value else ""
