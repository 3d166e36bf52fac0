"""Small pictures for the desk's lists and pickers: the smallest rendition the public site
makes anyway (made once, then served from storage), never the full original."""

from django import template

from newsdesk.content.links import url_maker
from newsdesk.content.services import media

register = template.Library()


@register.simple_tag
def thumb_url(image) -> str:
    if image is None:
        return ""
    widths = media.rendition_widths(image)
    if not widths:
        return image.file.url
    return url_maker("public:rendition", 3)(image.pk, widths[0], "webp")
