"""`{{ url|web_url }}` for Django templates: see newsdesk.content.web_links."""

from django import template

from newsdesk.content.web_links import web_url as web_url_only

register = template.Library()


@register.filter
def web_url(value) -> str:
    return web_url_only(value)
