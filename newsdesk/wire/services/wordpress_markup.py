"""WordPress post content → clean HTML: Gutenberg block comments removed (their HTML
kept), [caption], [gallery] and [embed] shortcodes turned into figures and links, classic
line breaks turned into paragraphs. The result still goes through the one sanitizer when
the story is saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.S)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
EMBED_WRAPPER = re.compile(
    r'<div class="wp-block-embed__wrapper">\s*(https?://[^\s<]+)\s*</div>', re.S
)
# Page builders popular with news themes (WPBakery, Divi, Avada, Newspaper, Jannah,
# Shortcodes Ultimate…) wrap the text in layout shortcodes: the wrappers go, the text stays.
# Only these families are matched, so bracketed text in copy ("[sic]", "[1]") is kept.
BUILDER_SHORTCODE = re.compile(
    r"\[/?(?:vc|et_pb|fusion|td|tie|su|mk|cs|av|ux|themify|fl|tdc)_[\w-]*(?:\s[^\]]*)?\]", re.I
)
FORM_SHORTCODE = re.compile(
    r"\[(?:contact-form-7|contact-form|wpforms|gravityform)\b[^\]]*\]", re.I
)
MEDIA_SHORTCODE = re.compile(r"\[(video|audio)\b([^\]]*)\](?:.*?\[/\1\])?", re.I | re.S)
MEDIA_SOURCE = re.compile(
    r'\b(?:src|mp4|m4v|webm|ogv|mp3|ogg|wav|m4a)\s*=\s*"(https?://[^"]+)"', re.I
)
BARE_URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
IMG = re.compile(r"<img\b[^>]*>", re.I | re.S)
ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre|hr|dl)\b", re.I)


def _link(url: str) -> str:
    url = escape(url.strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def _caption(match: re.Match) -> str:
    inner = match.group(2).strip()
    images = IMG.findall(inner)
    # The image may be wrapped in a link; the caption is whatever text follows.
    caption = IMG.sub("", re.sub(r"</?a\b[^>]*>", "", inner)).strip()
    if not caption:
        caption = dict(ATTR.findall(match.group(1))).get("caption", "")
    media = re.sub(r"(<a\b[^>]*>\s*)?$", "", inner[: inner.rfind(images[-1]) + len(images[-1])])
    media = media if images else ""
    if images and "<a" in media and "</a>" not in media:
        media += "</a>"
    return f"<figure>{media}<figcaption>{escape(caption, quote=False)}</figcaption></figure>"


def _media(match: re.Match) -> str:
    source = MEDIA_SOURCE.search(match.group(2))
    return _link(source.group(1)) if source else ""


def _paragraphs(html: str) -> str:
    """WordPress' autop, simplified: blank lines separate paragraphs in classic content."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return "\n".join(
        p if BLOCK_TAG.match(p) else f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts
    )


def to_html(content: str, attachment_url: Callable[[str], str | None] = lambda _id: None) -> str:
    """Clean HTML for `content`; `attachment_url(id)` finds an imported attachment's URL."""
    has_blocks = BLOCK_COMMENT.search(content or "") is not None
    html = BLOCK_COMMENT.sub("", content or "")
    html = EMBED_WRAPPER.sub(lambda m: _link(m.group(1)), html)
    html = EMBED.sub(lambda m: _link(m.group(1)), html)
    html = CAPTION.sub(_caption, html)
    html = BUILDER_SHORTCODE.sub("", FORM_SHORTCODE.sub("", html))
    html = MEDIA_SHORTCODE.sub(_media, html)

    def gallery(match: re.Match) -> str:
        ids = dict(ATTR.findall(match.group(1))).get("ids", "")
        figures = []
        for ident in filter(None, (i.strip() for i in ids.split(","))):
            url = attachment_url(ident)
            if url:
                figures.append(f'<figure><img src="{escape(url, quote=True)}" alt=""></figure>')
        return f'<div class="gallery">{"".join(figures)}</div>' if figures else ""

    html = GALLERY.sub(gallery, html)
    html = BARE_URL_LINE.sub(lambda m: _link(m.group(1)), html)
    # Block-editor content is already HTML: WordPress runs autop on classic content only
    # (a list block's items sit between blank lines that are no paragraph breaks).
    return html.strip() if has_blocks else _paragraphs(html.strip())
