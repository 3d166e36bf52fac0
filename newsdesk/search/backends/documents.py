"""The text an engine indexes for a story, prepared in Python: the same folding as queries
(newsdesk.search.query.fold) and the one HTML-to-text extraction (content/text.py), so
inline markup joins a word ("W<b>ord</b>" is "Word") exactly as readers see it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.content.models import Byline, Story
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


def story_texts(ids: Iterable[int]) -> list[StoryText]:
    """Indexed text of the stories with these ids that exist, in id order (four queries)."""
    stories = Story.objects.filter(pk__in=list(ids)).order_by("id")
    rows = list(stories.values_list("id", "headline", "standfirst", "body", "section__name"))
    names = _names_by_story([row[0] for row in rows])
    return [
        StoryText(
            story_id=pk,
            headline=index_text(headline),
            standfirst=index_text(standfirst),
            body=index_html(body),
            about=index_text(" ".join([section or "", *names[pk]])),
        )
        for pk, headline, standfirst, body, section in rows
    ]


def _names_by_story(ids: Iterable[int]) -> dict[int, list[str]]:
    names = defaultdict(list)
    links = [
        Story.tags.through.objects.filter(story_id__in=ids).values_list("story_id", "tag__name"),
        Byline.objects.filter(story_id__in=ids).values_list("story_id", "person__name"),
        Story.sources.through.objects.filter(story_id__in=ids).values_list(
            "story_id", "source__name"
        ),
    ]
    for pairs in links:
        for story_id, name in pairs.order_by("pk"):
            names[story_id].append(name)
    return names
