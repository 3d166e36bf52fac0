"""Library pictures inside a story body get what page templates give pictures: width and
height (no layout shift), a srcset of renditions with sizes, and lazy loading. Applied on
every save, so it also comes back after the rich-text editor (which keeps only src and alt)."""

import re
from html import escape, unescape

from django.conf import settings

from newsdesk.content.models import Image

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
BODY_SIZES = "(min-width: 62rem) 42rem, 100vw"


def _attributes(tag: str) -> dict:
    return {name.lower(): unescape(value) for name, value in _ATTR.findall(tag)}


def enrich_library_images(html: str) -> str:
    from newsdesk.content.services import media

    tags = _IMG.findall(html or "")
    prefix = settings.MEDIA_URL
    names = {
        _attributes(tag).get("src", "")[len(prefix) :]
        for tag in tags
        if _attributes(tag).get("src", "").startswith(prefix)
    }
    if not names:
        return html or ""
    images = {image.file.name: image for image in Image.objects.filter(file__in=names)}

    def replace(match):
        attrs = _attributes(match.group(0))
        image = images.get(attrs.get("src", "")[len(prefix) :])
        if image is None or not image.width:
            return match.group(0)
        fmt = media.fallback_format(image)
        srcset = ", ".join(
            f"{media.rendition_url(image, w, fmt)} {w}w" for w in media.rendition_widths(image)
        )
        attrs.update(
            alt=attrs.get("alt") or image.alt_text,
            width=str(image.width),
            height=str(image.height),
            srcset=srcset,
            sizes=BODY_SIZES,
            loading="lazy",
        )
        return "<img " + " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs.items()) + ">"

    return _IMG.sub(replace, html)
