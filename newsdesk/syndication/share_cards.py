"""Share pictures for stories without a picture of their own: the headline, the section and
the site's name drawn on the site's colours, in the three shapes search engines ask for
(16:9, 4:3, 1:1), 1,200 pixels wide. OpenGraph, the Twitter card and JSON-LD all use them,
so a shared link always shows a picture and never a logo stretched to fit.

A card is drawn on its first request and kept in the media storage. Its name carries a
keyed digest of what is drawn on it: a new headline makes a new URL (so the cards may be
cached for good), and nobody can ask for the card of a story they cannot see by guessing.
"""

import io
from pathlib import Path

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe

from newsdesk.content.services import reading

SIZES = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}
INK, PAPER, ACCENT = "#1a1a1a", "#f6f4f0", "#a3000b"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
DESIGN = "2"  # part of every card's digest: a new design gets new URLs


def _section_name(story) -> str:
    return story.section.name if story.section else ""


def digest(story) -> str:
    drawn = "\n".join(
        (DESIGN, str(story.pk), story.headline, _section_name(story), settings.NEWSDESK_SITE_NAME)
    )
    return salted_hmac("newsdesk.share-card", drawn).hexdigest()[:20]


def card_name(story, ratio: str) -> str:
    return f"share/{story.pk}/{digest(story)}-{ratio}.png"


def card_url(story, ratio: str) -> str:
    return default_storage.url(card_name(story, ratio))


def card(story, ratio: str) -> str:
    """The stored name of the story's card in `ratio`, drawn now if missing."""
    name = card_name(story, ratio)
    if not default_storage.exists(name):
        drawn = draw(
            story.headline,
            _section_name(story),
            settings.NEWSDESK_SITE_NAME,
            rtl=_is_rtl(story.language),
            size=SIZES[ratio],
        )
        saved = default_storage.save(name, ContentFile(drawn))
        if saved != name:  # drawn by a concurrent request meanwhile: the same card
            default_storage.delete(saved)
    return name


def _is_rtl(language: str) -> bool:
    code = (language or "").lower()
    return bool((LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}).get("bidi"))


def _font(size: int, bold: bool = True):
    from PIL import ImageFont, features

    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        # Raqm shapes Arabic and Persian letters and orders right-to-left text.
        engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
        return ImageFont.truetype(str(path), size, layout_engine=engine)
    return ImageFont.load_default(size=size)


def _lines(text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _fitted(text: str, width: int, height: int) -> tuple:
    """The largest type (84 px down to 30) at which the headline fits the space; at the
    smallest, a headline still too long is cut with an ellipsis."""
    for size in range(84, 29, -6):
        font = _font(size)
        lines = _lines(text, font, width)
        if len(lines) * size * 1.25 <= height:
            return font, size, lines
    keep = max(1, int(height // (size * 1.25)))
    if len(lines) > keep:
        lines = [*lines[: keep - 1], lines[keep - 1] + " …"]
    return font, size, lines


def draw(headline: str, section: str, site_name: str, *, rtl: bool, size) -> bytes:
    # Pillow loads on the first card drawn, not with every web worker (it is ≈ 10 MB).
    from PIL import Image, ImageDraw, features

    width, height = size
    margin = 80
    card = Image.new("RGB", size, PAPER)
    pen = ImageDraw.Draw(card)
    pen.rectangle([0, 0, width, 16], fill=ACCENT)
    direction = {"direction": "rtl"} if rtl and features.check("raqm") else {}
    anchor_x, align = (width - margin, "r") if rtl else (margin, "l")
    top = margin
    if section:
        pen.text(
            (anchor_x, top),
            section.upper(),
            font=_font(34),
            fill=ACCENT,
            anchor=f"{align}t",
            **direction,
        )
        top += 70
    footer = height - margin
    font, font_size, lines = _fitted(headline, width - 2 * margin, footer - top - 90)
    for n, line in enumerate(lines):
        pen.text(
            (anchor_x, top + n * font_size * 1.25),
            line,
            font=font,
            fill=INK,
            anchor=f"{align}t",
            **direction,
        )
    pen.line([margin, footer - 56, width - margin, footer - 56], fill=INK, width=3)
    pen.text((margin, footer), site_name, font=_font(38), fill=INK, anchor="ls")
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


@require_safe
def card_file(request, pk, name):
    """A card at `card_url()`, drawn now if missing: only for a story this visitor may see,
    and only the card of its present headline."""
    story = reading.story_for_reader(pk, request.user)  # 404 unless visible
    ratio = name.removesuffix(".png").rpartition("-")[2]
    if ratio not in SIZES or name != f"{digest(story)}-{ratio}.png":
        raise Http404("No such card")
    response = FileResponse(
        default_storage.open(card(story, ratio), "rb"), content_type="image/png"
    )
    if story.is_live:
        patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    else:  # a preview's card: for the editor's eyes
        patch_cache_control(response, private=True, no_store=True)
    return response
