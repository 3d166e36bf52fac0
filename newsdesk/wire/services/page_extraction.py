"""A news page's story: headline, body, byline, time, picture, language, publisher.

One trafilatura pass gives the metadata and its body candidate; readability (the algorithm
of Firefox's Reader View) gives a second body candidate, and `page_body.choose_body` keeps
the better one by how the two agree. Metadata trafilatura reads too coarsely (dates
without their time, bylines with the publisher in them, titles with the site's name) are
read again from the page's own markup by `page_metadata`.

trafilatura, readability and lxml (≈ 20 MB) are imported on the first extraction: web
workers import this module through the wire's views, and most never extract a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.content.text import clean_text
from newsdesk.wire.services import page_body, page_metadata


class ExtractorMissing(RuntimeError):
    """An extraction library is not installed: an installation problem, not the page's."""


@dataclass
class Page:
    headline: str = ""
    body: str = ""  # HTML
    summary: str = ""
    author: str = ""  # the people, comma-separated
    organisations: list[str] = field(default_factory=list)  # named in the byline
    published_at: datetime | None = None
    image_url: str = ""
    image_caption: str = ""
    image_credit: str = ""
    language: str = ""
    site_name: str = ""

    def item_fields(self) -> dict:
        """The wire item's fields."""
        return {
            "headline": self.headline,
            "body": self.body,
            "summary": self.summary,
            "author": self.author,
            "published_at": self.published_at,
            "image_url": self.image_url[:1000],
            "image_caption": self.image_caption,
            "image_credit": self.image_credit,
            "language": self.language,
            "site_name": self.site_name[:120],
        }


def _libraries():
    """The extraction libraries, or ExtractorMissing naming the one that is not installed
    (lxml 6.2 moved its HTML cleaner to the separate `lxml_html_clean`, which an older pip
    does not install for trafilatura's dependencies)."""
    try:
        import lxml.html
        import trafilatura
        from readability import Document
        from trafilatura.htmlprocessing import build_html_output
    except ImportError as exc:
        raise ExtractorMissing(
            f"web page extraction is not installed on this server ({exc}); "
            "reinstall Newsdesk with its dependencies (pip install -e .)"
        ) from exc
    return lxml.html, trafilatura, build_html_output, Document


def require_extractor() -> None:
    """Raises ExtractorMissing when pages cannot be extracted here: checked before a page
    is queued, so the address is refused with the reason rather than lost in a failed job."""
    _libraries()


def _root(html: str, lxml_html):
    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _language(root) -> str:
    if root is None:
        return ""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        metas = root.xpath('//meta[@http-equiv="content-language"]/@content')
        lang = metas[0] if metas else ""
    return lang.strip()[:16]


def _headings(root) -> list[str]:
    if root is None:
        return []
    return [" ".join(h.text_content().split()) for h in root.xpath("//h1|//h2")[:12]]


def extract_page(html: str, url: str = "") -> Page:
    """The story in `html` (fields empty where the page has none). Raises ExtractorMissing
    when the libraries are absent; any other exception is the page's markup defeating them."""
    lxml_html, trafilatura, build_html_output, Readability = _libraries()
    # Control characters out first: the parsers would turn NUL into U+FFFD and read a
    # vertical tab as a space, splitting or marking words no reader sees.
    html = clean_text(html)
    root = _root(html, lxml_html)
    if root is not None:
        page_body.drop_hidden(root)
        page_body.drop_control_boxes(root)
        html = lxml_html.tostring(root, encoding="unicode")
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        output_format="html",
        # The page's own date statements are read by page_metadata; htmldate's extensive
        # search (date-like text anywhere in the page) can take seconds on one long page.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    candidates = []
    if document is not None and document.body is not None:
        candidates.append(page_body.strip_document(build_html_output(document)))
    try:
        candidates.append(Readability(html).summary(html_partial=True))
    except Exception:  # readability gives up on some markup; trafilatura's candidate stands
        candidates.append("")
    page = Page(language=_language(root))
    if document is not None:
        page.summary = document.description or ""
        page.image_url = document.image or ""
        page.language = document.language or page.language
        page.site_name = document.sitename or ""
    publishers = page_metadata.publisher_names(root, page.site_name) if root is not None else []
    page.site_name = page.site_name or (publishers[0] if publishers else "")
    title = page_metadata.page_title(root, document.title if document is not None else "")
    page.headline = page_metadata.clean_headline(title, publishers, _headings(root))
    page.body = page_body.choose_body(*candidates, headline=page.headline)
    byline = page_metadata.byline_text(root, document.author if document is not None else "")
    people, organisations = page_metadata.split_byline(byline, publishers)
    page.author, page.organisations = ", ".join(people), organisations
    # A page naming no publisher but an organisation in its byline ("Reuters") is its copy.
    page.site_name = page.site_name or (organisations[0] if organisations else "")
    if root is not None:
        page.published_at = page_metadata.published_time(
            root, document.date if document is not None else None
        )
        page.image_caption, page.image_credit = page_metadata.image_caption_and_credit(
            root, page.image_url
        )
    return page
