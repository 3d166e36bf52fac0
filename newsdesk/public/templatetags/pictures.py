"""`{% picture image sizes="…" lazy=True %}`: a <picture> with WebP and JPEG/PNG srcsets of the
image's renditions, computed from the image's stored width alone (no queries). Built here
rather than in an included template, as Wagtail's image tags are: a home page shows about
50 pictures, and the include cost three times as much as the picture itself."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsdesk.content.links import url_maker
from newsdesk.content.models import GalleryItem
from newsdesk.content.services import media

register = template.Library()

DEFAULT_SIZES = "(min-width: 62rem) 60rem, 100vw"


@register.simple_tag
def picture(image, sizes="", lazy=False):
    sizes = sizes or DEFAULT_SIZES
    widths = media.rendition_widths(image)
    rendition_url = url_maker("public:rendition", 3)

    def srcset(fmt):
        return ", ".join(f"{rendition_url(image.pk, width, fmt)} {width}w" for width in widths)

    img = format_html(
        '<img src="{}"{} alt="{}"{}{} decoding="async">',
        image.file.url,
        format_html(' srcset="{}" sizes="{}"', srcset(media.fallback_format(image)), sizes)
        if widths
        else "",
        image.alt_text,
        format_html(' width="{}" height="{}"', image.width, image.height) if image.width else "",
        mark_safe(' loading="lazy"') if lazy else "",
    )
    if not widths:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        srcset("webp"),
        sizes,
        img,
    )


@register.simple_tag
def story_gallery(story):
    """The story's ordered pictures, images included: as the story page's service read them
    (`reading.story_page`), or else in one query."""
    read = getattr(story, "_prefetched_objects_cache", {}).get("gallery_items")
    if read is not None:
        return list(read)
    return list(GalleryItem.objects.filter(story=story).select_related("image"))
