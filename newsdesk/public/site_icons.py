"""The site's icons and web app manifest, drawn from the site's name (its initial, white on
the accent red) or from a configured logo file (NEWSDESK_ICON_FILE), so that a newsroom
shows its own mark in tabs, bookmarks and home screens without shipping image files.

    /favicon.ico (16, 32 and 48 px), /apple-touch-icon.png (180 px),
    /icon-192.png and /icon-512.png (the manifest's), /manifest.webmanifest

Each is drawn once a process (per name, logo and size) and may be kept by browsers for a
day: their addresses are fixed by convention, so they cannot be versioned like static files.
"""

import io
import json
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ACCENT = "#a3000b"  # site.css --accent
PAPER = "#ffffff"
ICO_SIZES = (16, 32, 48)
PNG_SIZES = {"apple-touch-icon": 180, "icon-192": 192, "icon-512": 512}
A_DAY = 86400


def site_name() -> str:
    return settings.NEWSDESK_SITE_NAME.strip() or "News"


def initial(name: str) -> str:
    """The name's first letter or digit, upper-cased: the mark drawn when no logo is set."""
    for char in name:
        if char.isalnum():
            return char.upper()
    return "N"


def _logo_file() -> str:
    return getattr(settings, "NEWSDESK_ICON_FILE", "") or ""


@lru_cache(maxsize=8)
def draw_icon(size: int, name: str, logo_file: str):
    # Pillow loads on the first icon drawn, not with every web worker (it is ≈ 10 MB).
    from PIL import Image, ImageDraw, ImageFont, ImageOps

    if logo_file:
        with Image.open(logo_file) as logo:
            logo = ImageOps.exif_transpose(logo).convert("RGBA")
            # The whole logo, centred on white: icons are square, logos seldom are.
            canvas = Image.new("RGBA", (size, size), PAPER)
            inner = max(1, round(size * 0.9))
            logo.thumbnail((inner, inner), Image.Resampling.LANCZOS)
            canvas.alpha_composite(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
            return canvas.convert("RGB")
    canvas = Image.new("RGB", (size, size), ACCENT)
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=round(size * 0.72))  # Pillow's bundled font
    draw.text((size / 2, size / 2), initial(name), fill=PAPER, font=font, anchor="mm")
    return canvas


@receiver(setting_changed)
def _forget_icons(setting, **kwargs):
    if setting in ("NEWSDESK_SITE_NAME", "NEWSDESK_ICON_FILE"):
        draw_icon.cache_clear()
        _encoded.cache_clear()


@lru_cache(maxsize=8)
def _encoded(kind: str, name: str, logo_file: str) -> bytes:
    out = io.BytesIO()
    if kind == "favicon":
        largest = draw_icon(max(ICO_SIZES), name, logo_file)
        largest.save(out, "ICO", sizes=[(s, s) for s in ICO_SIZES])
    else:
        draw_icon(PNG_SIZES[kind], name, logo_file).save(out, "PNG", optimize=True)
    return out.getvalue()


@require_safe
@cache_control(public=True, max_age=A_DAY)
def favicon(request):
    return HttpResponse(_encoded("favicon", site_name(), _logo_file()), content_type="image/x-icon")


@require_safe
@cache_control(public=True, max_age=A_DAY)
def png_icon(request, kind):
    if kind not in PNG_SIZES:
        raise Http404("No such icon")
    return HttpResponse(_encoded(kind, site_name(), _logo_file()), content_type="image/png")


@require_safe
@cache_control(public=True, max_age=A_DAY)
def manifest(request):
    name = site_name()
    data = {
        "name": name,
        "short_name": name if len(name) <= 12 else name.split()[0][:12],
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": PAPER,
        "theme_color": ACCENT,
        "lang": settings.LANGUAGE_CODE,
        "icons": [
            {"src": f"/{kind}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for kind, size in PNG_SIZES.items()
            if kind != "apple-touch-icon"
        ],
    }
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/manifest+json; charset=utf-8")
