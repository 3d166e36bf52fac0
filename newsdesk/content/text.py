"""The one slug rule and the one rich-text sanitizer, used by every writer of content."""

import html as html_lib
import re

import nh3
from django.utils.text import slugify

SLUG_MAX_LENGTH = 120

# Tags and attributes a news story body may keep. Everything else (script, style,
# iframe, event handlers, inline styles, javascript: URLs) is dropped on save.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "code",
    "pre",
    "abbr",
    "time",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "abbr": {"title"},
    "time": {"datetime"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "*": {"lang", "dir"},
    "div": {"data-embed-url", "data-embed-provider", "class", "data-image-id"},
    "figure": {"class", "data-image-id"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# C0 controls except tab, line feed and carriage return; DEL; the C1 controls. PostgreSQL
# cannot store NUL at all, XML 1.0 forbids the C0 ones, and none of them is text a reader
# can see: importers drop them before anything is stored.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def clean_text(value: str) -> str:
    """Text without NUL and other control characters, ready for any database."""
    if not value:
        return value or ""
    return _CONTROL.sub("", value)


def storable_raw(value: str) -> str:
    """An original payload kept for the record: only NUL (which PostgreSQL refuses) is
    replaced, by U+FFFD, so the rest stays exactly as it arrived."""
    return (value or "").replace("\x00", "\ufffd")


def make_slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Unicode-aware slug ("حمله-به-کی‌یف" stays readable), never empty."""
    slug = slugify(text or "", allow_unicode=True)[:max_length].strip("-")
    return slug or "item"


# nh3 checks the scheme of href and src; these attributes also hold URLs (an embed script
# turns data-embed-url into an iframe), so they get the same scheme rule.
EXTRA_URL_ATTRIBUTES = {"cite", "data-embed-url"}


def _scheme_allowed(url: str) -> bool:
    scheme = "".join(url.split()).split(":", 1)
    return len(scheme) < 2 or "/" in scheme[0] or scheme[0].lower() in ALLOWED_URL_SCHEMES


def _filter_url_attributes(tag: str, attribute: str, value: str) -> str | None:
    if attribute in EXTRA_URL_ATTRIBUTES and not _scheme_allowed(value):
        return None
    if attribute == "srcset" and not _srcset_allowed(value):
        return None
    return value


_SRCSET_DESCRIPTOR = re.compile(r"\d+w|\d+(?:\.\d+)?x")


def _srcset_allowed(value: str) -> bool:
    """ "url 640w, url 2x": every candidate is a URL the scheme rule allows and at most one
    well-formed descriptor (nh3 checks src and href, not the URLs inside a srcset)."""
    for candidate in value.split(","):
        parts = candidate.split()
        if not parts:
            continue
        url, descriptors = parts[0], parts[1:]
        if not _scheme_allowed(url) or len(descriptors) > 1:
            return False
        if descriptors and not _SRCSET_DESCRIPTOR.fullmatch(descriptors[0]):
            return False
    return True


# Word and Google Docs pastes leave formatting wrappers around nothing and spacer
# paragraphs; on a news page they only show as stray gaps. Matched on nh3's serialised
# output, which is well-formed and has no attributes left that could hide a ">".
_EMPTY_INLINE = re.compile(
    r"<(span|strong|b|em|i|u|s|sub|sup|mark|small|code)(?:\s[^>]*)?>((?:\s|&nbsp;)*)</\1>"
)
_EMPTY_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(?:\s|&nbsp;|<br>)*</p>")


def _drop_empty_wrappers(html: str) -> str:
    while True:
        # Whitespace inside the wrapper still separates the words around it.
        shorter = _EMPTY_INLINE.sub(lambda m: " " if m.group(2) else "", html)
        # An empty paragraph between two runs of text still parts them ("A<p></p>A").
        shorter = _EMPTY_PARAGRAPH.sub(" ", shorter)
        if shorter == html:
            return html
        html = shorter


# Elements a browser lays out as their own box or line (the HTML standard's rendering
# section: block and list-item boxes, table parts, line breaks, replaced and form elements).
# Where one begins or ends, the text on either side is two words, whatever the markup
# holds between them: "<p>states</p><p>It</p>" reads "states It", never "statesIt".
# fmt: off
BOUNDARY_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "canvas", "caption", "center",
    "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "img", "input", "legend", "li", "listing", "main", "menu", "nav",
    "ol", "optgroup", "option", "p", "picture", "pre", "search", "section", "select", "summary",
    "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video", "audio",
    "button", "meter", "progress",
})
# fmt: on
# Their contents are no text a reader sees.
HIDDEN_CONTENT_TAGS = {"script", "style", "template"}
_ANY_TAG = re.compile(r"<[^>]*>")

# Blocks a story body does not keep become blocks it does, so their text keeps its
# paragraphs (stripping the tag alone would glue "<h1>Title</h1>Text" into "TitleText").
# A body's headings start at h2: the page's h1 is the headline.
_KEPT_AS = {"h1": "h2", "menu": "ul", "dir": "ul", "listing": "pre"}
_VOID_BOUNDARIES = {"br", "hr", "img", "input", "col"}
_RENAMED = {
    tag: _KEPT_AS.get(tag, "div")
    for tag in BOUNDARY_TAGS - ALLOWED_TAGS - _VOID_BOUNDARIES - {"html", "body"}
}
_RENAMED_TAG = re.compile(rf"<(/?)({'|'.join(sorted(_RENAMED))})\b([^>]*)>")
_VOID_DROPPED = _VOID_BOUNDARIES - ALLOWED_TAGS
_DROPPED_VOID_TAG = re.compile(rf"<(?:{'|'.join(sorted(_VOID_DROPPED))})\b[^>]*>")


def sanitize_html(html: str) -> str:
    """Clean untrusted rich text down to the allowlist above."""
    if not html:
        return ""
    return _drop_empty_wrappers(_clean(html)).strip()


def _clean(html: str) -> str:
    # First pass: the allowlist plus the blocks to rename, with no attributes of their own;
    # its output is serialised by nh3, so the renaming below reads well-formed tags.
    first = _nh3(clean_text(html), ALLOWED_TAGS | _RENAMED.keys() | _VOID_DROPPED)
    if not (_RENAMED_TAG.search(first) or _DROPPED_VOID_TAG.search(first)):
        return first
    renamed = _RENAMED_TAG.sub(lambda m: f"<{m[1]}{_RENAMED[m[2]]}{m[3]}>", first)
    return _nh3(_DROPPED_VOID_TAG.sub(" ", renamed), ALLOWED_TAGS)


def _nh3(html: str, tags) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_filter_url_attributes,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
    )


def plain_text(html: str) -> str:
    """Text of rich HTML with tags removed, for summaries, search and comparisons: every
    block boundary is a space, inline markup ("<b>W</b>ord") joins nothing apart."""
    if not html:
        return ""
    # nh3 parses as a browser does and serialises only the boundary tags, bare, with
    # "<" and ">" in text escaped: every tag left is a boundary, and nothing else looks
    # like one.
    boundaries = nh3.clean(
        html,
        tags=set(BOUNDARY_TAGS - HIDDEN_CONTENT_TAGS),
        attributes={},
        strip_comments=True,
        link_rel=None,
        clean_content_tags=HIDDEN_CONTENT_TAGS,
    )
    return " ".join(html_lib.unescape(_ANY_TAG.sub(" ", boundaries)).split())
