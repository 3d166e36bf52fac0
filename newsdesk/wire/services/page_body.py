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
    chosen = first if not size_second or (size_first and readability_lost_it) else second
    return drop_leading_headline(chosen, headline)
