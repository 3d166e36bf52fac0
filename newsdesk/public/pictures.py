"""`picture(image, sizes="…", lazy=True, priority=False)`: a <picture> with WebP and JPEG/PNG
srcsets of the image's renditions, computed from the image's stored width alone (no
queries). Built in Python rather than in an included template, as Wagtail's image tags are:
a home page shows about 50 pictures, and an include cost three times as much as the picture itself.

The same pictures come back on page after page (a home page's, a section's), so each one's
HTML is kept, keyed by every image field it is made of: an edited alt text or a new file
makes a new key, never a stale picture."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsdesk.content.links import current_routing
from newsdesk.content.models import GalleryItem, Image
from newsdesk.content.services import media
from newsdesk.content.services.rows import already_read

DEFAULT_SIZES = "(min-width: 62rem) 60rem, 100vw"


def picture(image, sizes="", lazy=False, priority=False):
    """`priority`: the page's largest picture (its LCP element), fetched before the others
    rather than after the style sheet and scripts; never lazy."""
    return _picture(
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.alt_text,
        sizes or DEFAULT_SIZES,
        bool(lazy) and not priority,
        bool(priority),
        *current_routing(),  # the URLs' patterns and prefix are part of the key too
    )


@lru_cache(maxsize=4096)
def _picture(pk, file_name, width, height, alt_text, sizes, lazy, priority, *url_scheme):
    # Made only of the key's fields, so that nothing outside the key shapes the HTML.
    image = Image(pk=pk, file=file_name, width=width, height=height, alt_text=alt_text)
    widths = media.rendition_widths(image)

    def srcset(fmt):
        return ", ".join(f"{media.rendition_url(image, width, fmt)} {width}w" for width in widths)

    img = format_html(
        '<img src="{}"{} alt="{}"{}{}{}>',
        image.file.url,
        format_html(' srcset="{}" sizes="{}"', srcset(media.fallback_format(image)), sizes)
        if widths
        else "",
        image.alt_text,
        format_html(' width="{}" height="{}"', image.width, image.height) if image.width else "",
        mark_safe(' loading="lazy"') if lazy else "",
        mark_safe(' fetchpriority="high"') if priority else mark_safe(' decoding="async"'),
    )
    if not widths:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        srcset("webp"),
        sizes,
        img,
    )


@receiver(setting_changed)
def _forget_pictures(**kwargs):  # MEDIA_URL, STORAGES, ROOT_URLCONF… (tests change them)
    _picture.cache_clear()


def story_gallery(story):
    """The story's ordered pictures, images included: as the story page's service read them
    (`reading.story_page`), or else in one query."""
    read = already_read(story, "gallery_items")
    if read is not None:
        return read
    return list(GalleryItem.objects.filter(story=story).select_related("image"))
