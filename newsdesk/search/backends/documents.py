"""The text an engine indexes for a story, prepared in Python: the same folding as queries
(newsdesk.search.query.fold) and the one HTML-to-text extraction (content/text.py), so
inline markup joins a word ("W<b>ord</b>" is "Word") exactly as readers see it.
"""

from dataclasses import dataclass

from newsdesk.content.text import plain_text
from newsdesk.search.query import fold


def index_text(text) -> str:
    return fold(text or "")


def index_html(html) -> str:
    return fold(plain_text(html or ""))


@dataclass(frozen=True)
class StoryText:
    """A story's indexed fields; `about` holds the names it is filed under (section, tags,
    bylines, sources)."""

    FIELDS = ("headline", "standfirst", "body", "about")

    story_id: int
    headline: str
    standfirst: str
    body: str
    about: str
