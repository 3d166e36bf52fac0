"""The links between editions a page carries: `hreflang` alternates in its head, for search
engines, and the language switcher in its top bar, for readers.

A story links to its translations (the switcher goes to the translation when there is
one, else to the other edition's home page); a home page to the other editions' home
pages. Other pages have no counterpart in another language, so they name none.
"""

from dataclasses import dataclass

from jinja2 import pass_context

from newsdesk.editions.config import Edition, edition_named, editions
from newsdesk.editions.current import current_edition
from newsdesk.editions.routing import story_url, url_in


@dataclass(frozen=True)
class EditionLink:
    edition: Edition
    path: str
    same_page: bool  # the same story (or home page) in that edition's language


def _counterparts(context) -> dict[str, str] | None:
    """{edition code: path} of this page in every edition that has it; None when the page
    has no counterparts (list pages, search, errors)."""
    story = context.get("story")
    if story is not None and context.get("translations") is not None:
        found = {story.edition: story_url(story)}
        for row in context["translations"]:
            found.setdefault(row.edition, story_url(row))
        return found
    if context.get("is_home"):
        return {edition.code: url_in(edition, "public:home") for edition in editions()}
    return None


def _may_have_counterparts(context) -> bool:
    """False when `_counterparts()` would name this page alone, or nothing: a story with no
    translation, a home page on a site of one edition, any other page. Making its URLs
    (reverse() in the story's edition) would cost more than the rest of the links."""
    if context.get("story") is not None and context.get("translations") is not None:
        return bool(context["translations"])
    return bool(context.get("is_home")) and len(editions()) > 1


@pass_context
def edition_alternates(context) -> list[EditionLink]:
    """hreflang alternates: this page in each edition that has it, itself included, when
    there is at least one other."""
    if not _may_have_counterparts(context):
        return []
    found = _counterparts(context) or {}
    if len(found) < 2:
        return []
    return [
        EditionLink(edition_named(code), path, True)
        for code, path in found.items()
        if edition_named(code).code == code
    ]


@pass_context
def edition_switcher(context) -> list[EditionLink]:
    """The other editions, each linked to this page's translation or else its home page."""
    if len(editions()) < 2:
        return []
    found = _counterparts(context) or {}
    here = current_edition()
    return [
        EditionLink(
            edition,
            found.get(edition.code) or url_in(edition, "public:home"),
            edition.code in found,
        )
        for edition in editions()
        if edition != here
    ]
