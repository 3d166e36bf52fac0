"""A feed's items: the stories' rows and names as a feed reads them, each story's item
worked out once (`item_of`) and written once per process for as long as the values it is
written from stay the same (`written_item`). The channel and the feed classes are feeds.py's.
"""

import html
import mimetypes
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.contrib.syndication.views import add_domain
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import feedgenerator
from django.utils.timezone import get_default_timezone, is_naive, make_aware

from newsdesk.content.body_links import absolute_body
from newsdesk.content.models import Byline, Image, Story
from newsdesk.content.models.story import story_summary, updated_after_publication
from newsdesk.content.services.cards import padded
from newsdesk.content.services.prepared import Prepared
from newsdesk.syndication.feed_generators import item_document
from newsdesk.syndication.xmltext import xml_safe


def full_content() -> bool:
    """Full story bodies in feeds, or only the summary (NEWSDESK_FEED_FULL_CONTENT)."""
    return getattr(settings, "NEWSDESK_FEED_FULL_CONTENT", True)


class FeedItem(NamedTuple):
    """A story as its feed item shows it, every value worked out once (item_of), which
    written_item hands to Django's generator."""

    title: str
    link: str  # the story's path on the site
    description: str
    author_name: str | None
    pubdate: object
    updateddate: object
    categories: list
    enclosures: list
    extra: dict  # the body, for content:encoded / <content>


# What an item shows of a story. Read as plain rows, with the names of its people and tags
# in one more query (both by prepared queries: compiling them was a third of a feed's
# time): building 50 stories with their bylines, people and tags as model instances cost
# a feed more than everything else in it.
STORY_FIELDS = (
    "pk",
    "headline",
    "slug",
    "standfirst",
    "body",
    "published_at",
    "updated_at",
    "featured_image__file",
)


# An original picture's name never changes (a new upload gets a new name), nor does its
# file: its URL, size and type are worked out once per process, not once per feed (the
# size is a question to the disk or the storage). A missing file raises, and is looked for
# again next time.
@lru_cache(maxsize=4096)
def _original(name: str) -> tuple[str, str, str]:
    storage = Image._meta.get_field("file").storage
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return storage.url(name), str(storage.size(name)), mime_type


@receiver(setting_changed)
def _forget_originals(*, setting, **kwargs):
    if setting in ("MEDIA_ROOT", "MEDIA_URL", "STORAGES"):
        _original.cache_clear()
        _enclosure.cache_clear()
        written_item.cache_clear()


# And so is its enclosure, on a site (the address the feed was asked at).
@lru_cache(maxsize=4096)
def _enclosure(name: str, site: str) -> feedgenerator.Enclosure:
    url, length, mime_type = _original(name)
    return feedgenerator.Enclosure(url if "://" in url else site + url, length, mime_type)


# The names of the stories' bylined people (in byline order) and of their tags (by name),
# in one trip: (0, story id, position, byline id, name, NULL) rows, then
# (1, NULL, NULL, story id, name, tag id) rows, so "ORDER BY 1, 2, 3, 4, 5, 6" sorts each
# kind as it should be.
_names = Prepared(
    lambda ids: (
        Byline.objects.filter(story_id__in=ids)
        .order_by()
        .values_list("story_id", "position", "id", "person__name"),
        Story.tags.through.objects.filter(story_id__in=ids)
        .order_by()
        .values_list("story_id", "tag__name", "tag_id"),
    ),
    wrap="SELECT 0, bylines.*, NULL FROM ({0}) AS bylines"
    " UNION ALL SELECT 1, NULL, NULL, tags.* FROM ({1}) AS tags ORDER BY 1, 2, 3, 4, 5, 6",
)


def names_by_story(ids: list) -> tuple[dict, dict]:
    """({story id: its people's names}, {story id: its tags' names})."""
    authors, tags = defaultdict(list), defaultdict(list)
    for kind, byline_story, _, tag_story, name, _ in _names.rows(ids=padded(ids or [0])):
        if kind == 0:
            authors[byline_story].append(name)
        else:
            tags[tag_story].append(name)
    return authors, tags


class FeedStory(NamedTuple):
    """A story as a feed reads it: its row (STORY_FIELDS), its people's and tags' names."""

    row: tuple
    authors: tuple
    tags: tuple


class ItemPlace(NamedTuple):
    """What an item depends on besides its story: the story's path, the site's address,
    the domain and scheme of the feed's links, and the feed's settings."""

    link: str
    site: str
    domain: str
    secure: bool
    full: bool
    guid_is_permalink: bool


# A story's item, written: a pure function of the feed's kind, the story's values (every
# field it shows, its people's and tags' names, read on every request) and where it is
# shown, so it is never stale, only unused once a value changes. A feed made again after
# a publish writes only the new story's item; a full item (≈ 8 KB written, plus the body
# in its key) costs ≈ 16 KB, so this holds a few feeds' worth per process.
@lru_cache(maxsize=512)
def written_item(feed_type, story: FeedStory, place: ItemPlace) -> tuple:
    """(the item's document, its publication date, its update date), as the feed's
    generator takes them (`add_written_item`)."""
    item = item_of(story, place)
    link = absolute(place.domain, item.link, place.secure)
    pubdate, updateddate = aware(item.pubdate), aware(item.updateddate)
    document = item_document(
        feed_type,
        title=item.title,
        link=link,
        description=item.description,
        unique_id=link,
        unique_id_is_permalink=place.guid_is_permalink,
        enclosures=item.enclosures,
        pubdate=pubdate,
        updateddate=updateddate,
        author_name=item.author_name,
        categories=item.categories,
        **item.extra,
    )
    return document, pubdate, updateddate


# What iri_to_uri leaves as it is (its safe characters and quote()'s unreserved ones).
_URI_AS_IS = re.compile(r"[A-Za-z0-9_.~/#%\[\]=:;$&()+,!?*@'-]*")


def absolute(domain: str, url: str, secure: bool) -> str:
    """Django's `add_domain`, which quotes the whole address anew for every item: an
    address of characters it would leave alone is only joined."""
    if url.startswith("/") and not url.startswith("//"):
        joined = f"{'https' if secure else 'http'}://{domain}{url}"
        if _URI_AS_IS.fullmatch(joined):
            return joined
    return add_domain(domain, url, secure)


def aware(moment):
    """A date as Django's feed gives it to the generator: in the default time zone if naive."""
    if moment and is_naive(moment):
        return make_aware(moment, get_default_timezone())
    return moment


def item_of(story: FeedStory, place: ItemPlace) -> FeedItem:
    """The feed item of `story` shown at `place`."""
    row = story.row
    # RSS <description> and Atom <summary type="html"> hold HTML, which readers render:
    # the summary is plain text (a standfirst may say "<script>"), so it goes escaped.
    summary = story_summary(row.standfirst, "" if row.standfirst else row.body)
    if updated_after_publication(row.published_at, row.updated_at):
        updated = row.updated_at
    else:
        updated = row.published_at
    extra = {}
    if place.full and row.body:
        base = place.link if "://" in place.link else place.site + place.link
        extra["content"] = xml_safe(absolute_body(row.body, base))
    return FeedItem(
        title=xml_safe(row.headline),
        link=place.link,
        description=xml_safe(html.escape(summary)),
        author_name=xml_safe(", ".join(story.authors)) or None,
        pubdate=row.published_at,
        updateddate=updated,
        categories=[xml_safe(name) for name in story.tags],
        enclosures=_enclosures(row.featured_image__file, place.site),
        extra=extra,
    )


def _enclosures(name: str | None, site: str) -> list:
    if not name:
        return []
    try:
        return [_enclosure(name, site)]
    except OSError:  # a missing file must not break the whole feed
        return []
