"""Choosing a page's article body between two extractors' candidates.

trafilatura and readability fail in different ways: trafilatura now and then stops at an
ad or a "read more" box in the middle of an article and keeps only one half, or takes a
teaser list; readability now and then keeps a caption block, a share bar or a neighbouring
box. Where the two agree, either will do. Where one candidate contains nearly all of the
other and more, the longer one has usually found the rest of a body split in parts; where
they disagree entirely, the one with less link text and more sentences reads as the article.
The comparison is on word shingles, so it holds for any language written with words.
"""

from __future__ import annotations

import re
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4
LEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "header", "div", "strong", "b"}
BLOCK_TAGS = ("div", "section", "aside", "ul", "ol", "li", "form", "nav", "footer", "header", "p")
SHARED = 0.5  # of a block's shingles also in the other candidate: both extractors kept it
LINKS_MOSTLY = 0.5  # of a block's characters inside links
LINK_LIST = 3  # links in a block before it can be a list of links
CONTROL_BOX_WORDS = 40
TOO_LITTLE = 50  # shingles: about a sentence or two, a caption rather than an article
NEARLY_ALL = 0.95
CLEARLY_LESS = 0.9


HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)


def drop_hidden(root) -> None:
    """Remove what a browser does not show (the hidden attribute, display:none or
    visibility:hidden inline, aria-hidden): templates, screen-reader duplicates and
    collapsed boxes, which extractors otherwise read as text."""
    hidden = root.xpath("//body//*[@hidden or @style or @aria-hidden='true']")
    for element in hidden:
        if element.getparent() is None:
            continue
        if (
            element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or HIDDEN_STYLE.search(element.get("style") or "")
        ):
            element.drop_tree()


def drop_control_boxes(root) -> None:
    """Remove the small boxes built around form controls (newsletter sign-ups, cookie
    banners, search and comment forms): the widest block around a control that still holds
    fewer than CONTROL_BOX_WORDS words. A page wrapped whole in one <form> keeps its text."""
    for control in root.xpath(
        "//body//*[self::button or self::input or self::select or self::textarea]"
    ):
        box = control
        while True:
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if len(WORD.findall(parent.text_content())) >= CONTROL_BOX_WORDS:
                break
            box = parent
        if box.getparent() is not None:
            box.drop_tree()


def strip_document(html: str) -> str:
    """The inside of trafilatura's <html><body> wrapper."""
    html = re.sub(r"^\s*<html>\s*(?:<body>)?", "", html or "")
    return re.sub(r"(?:</body>)?\s*</html>\s*$", "", html).strip()


def _fragment(html: str):
    import lxml.html

    if not (html or "").strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return None


def text_of(html: str) -> str:
    root = _fragment(html)
    return " ".join(root.itertext()) if root is not None else ""


def shingles(text: str) -> Counter:
    tokens = [t.lower() for t in WORD.findall(text)]
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1)))


def containment(inner: Counter, outer: Counter) -> float:
    """The share of `inner`'s shingles that are also in `outer`."""
    total = sum(inner.values())
    return sum((inner & outer).values()) / total if total else 0.0


def link_density(html: str) -> float:
    root = _fragment(html)
    if root is None:
        return 1.0
    text = len(" ".join(root.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in root.iter("a"))
    return links / text if text else 1.0


def drop_leading_headline(html: str, headline: str) -> str:
    """The body without a first block that only repeats the headline (extractors keep the
    article's <h1>; the story shows its headline itself)."""
    root = _fragment(html)
    want = " ".join(WORD.findall((headline or "").lower()))
    if root is None or not want or (root.text or "").strip():
        return html
    import lxml.html

    for element in root.iterdescendants():
        if not (element.text or "").strip() and len(element):
            continue  # a wrapper: its first words are in a child
        text = " ".join(WORD.findall(element.text_content().lower()))
        if text != want or element.tag not in LEADING_TAGS:
            return html
        element.drop_tree()
        return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return html


def _is_boilerplate(element, reference: Counter, reference_words: set[str]) -> bool:
    """A block the other extractor left out that reads as page furniture: a list of links
    (other stories, tags, share buttons) or a block holding form controls (a newsletter
    box, a cookie banner). Short lines, captions and subheadings are left alone: they are
    as often the article's own."""
    text = " ".join(element.text_content().split())
    if not text:
        return False
    has_controls = element.tag == "form" or element.xpath(".//button|.//input|.//select|.//form")
    if not has_controls:
        anchors = list(element.iter("a"))
        stray_item = element.tag == "li" and element.getparent().tag not in ("ul", "ol")
        if len(anchors) < LINK_LIST and not stray_item:
            return False
        links = sum(len(" ".join(a.text_content().split())) for a in anchors)
        if links < LINKS_MOSTLY * len(text):
            return False
    # Furniture by its look; kept all the same when the other extractor kept it too.
    own = shingles(text)
    if own:
        return containment(own, reference) < SHARED
    return not {w.lower() for w in WORD.findall(text)} <= reference_words


def prune_unshared_boilerplate(html: str, reference_html: str) -> str:
    """`html` without the blocks of page furniture that the reference candidate does not
    share: the two extractors rarely keep the same box, so a box only one of them kept is
    judged on its own (see _is_boilerplate); text both kept stays whatever it looks like."""
    root, reference_text = _fragment(html), text_of(reference_html)
    if root is None or not reference_text.strip():
        return html
    reference = shingles(reference_text)
    reference_words = {w.lower() for w in WORD.findall(reference_text)}
    dropped = False
    for element in list(root.iterdescendants(*BLOCK_TAGS)):
        if element.getparent() is not None and _is_boilerplate(element, reference, reference_words):
            element.drop_tree()
            dropped = True
    if not dropped:
        return html
    import lxml.html

    return (root.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in root)


def choose_body(trafilatura_html: str, readability_html: str, headline: str = "") -> str:
    """The better of the two candidates: readability's, which keeps a whole article
    together more often, unless it found next to nothing where trafilatura found an
    article, or trafilatura's holds nearly all of it and clearly more (readability lost a
    part of the article: a body split around a box, a second page of paragraphs)."""
    first, second = trafilatura_html or "", readability_html or ""
    found_first, found_second = shingles(text_of(first)), shingles(text_of(second))
    size_first, size_second = sum(found_first.values()), sum(found_second.values())
    readability_lost_it = (size_second < TOO_LITTLE and size_first > 2 * size_second) or (
        containment(found_second, found_first) >= NEARLY_ALL
        and size_second < CLEARLY_LESS * size_first
    )
    if not size_second or (size_first and readability_lost_it):
        chosen = first
    else:
        chosen = prune_unshared_boilerplate(second, first)
    return drop_leading_headline(chosen, headline)
