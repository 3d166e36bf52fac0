"""`{% picture_srcset image "webp" %}`: the srcset of an image's renditions, computed from
the image's stored width alone, so a page of 30 pictures costs no extra queries."""

from django import template

from newsdesk.content.links import url_maker
from newsdesk.content.models import GalleryItem
from newsdesk.content.services import media

register = template.Library()


@register.simple_tag
def picture_srcset(image, fmt="fallback"):
    if fmt == "fallback":
        fmt = media.fallback_format(image)
    rendition_url = url_maker("public:rendition", 3)
    return ", ".join(
        f"{rendition_url(image.pk, width, fmt)} {width}w" for width in media.rendition_widths(image)
    )


@register.simple_tag
def story_gallery(story):
    """The story's ordered pictures, images included, in one query."""
    return list(GalleryItem.objects.filter(story=story).select_related("image"))
