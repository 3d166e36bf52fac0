"""RSS 2.0 and Atom feeds for the whole site, a section, a tag and an author.

Each feed is a small subclass of Django's `Feed`; the items come from the same reading
services as the public pages, so a feed never shows what a reader could not see.
"""

import copy
import io
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date

from newsdesk.content.models import Person, Section, Tag
from newsdesk.content.services import pagecounts, reading
from newsdesk.content.services.pages import listing_page
from newsdesk.syndication.xmltext import xml_safe

FEED_SIZE = 50


def full_content() -> bool:
    """Full story bodies in feeds, or only the summary (NEWSDESK_FEED_FULL_CONTENT)."""
    return getattr(settings, "NEWSDESK_FEED_FULL_CONTENT", True)


class WrittenOnce:
    """Django's generators write the XML into the response piece by piece (≈ 2,000 writes
    for a feed of 50 stories, each encoded and appended alone); writing it to a string
    first and the string once costs a fraction of that."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class NewsRssFeed(WrittenOnce, Rss201rev2Feed):
    """RSS 2.0 has no "updated" date: a corrected story also carries <atom:updated> (the
    atom namespace is already declared), which feed readers such as feedparser understand."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        updated = item.get("updateddate")
        if updated and updated != item.get("pubdate"):
            handler.addQuickElement("atom:updated", rfc3339_date(updated))


class StoryFeed(Feed):
    """The whole site: the newest live stories."""

    feed_type = NewsRssFeed

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: work on a copy that knows its request
        # (enclosure URLs must be absolute) instead of storing it on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def stories(self, obj):
        return reading.archive()

    def items(self, obj):
        stories = self.stories(obj).prefetch_related("tags")
        key = self.list_key(obj)
        if key is None:
            return stories[:FEED_SIZE]
        # A tag's or author's stories come through a link table, so "newest first, LIMIT 50"
        # reads and sorts every one of them (tens of thousands for a busy tag at a million
        # stories). The day counts bound the read to the days the newest 50 span.
        return listing_page(stories, key, 1, per_page=FEED_SIZE).items

    def list_key(self, obj) -> str | None:
        """The day counts to page by (pagecounts), for lists no index reads in date order."""
        return None

    def title(self, obj):
        return xml_safe(settings.NEWSDESK_SITE_NAME)

    def link(self, obj):
        return reverse("public:home")

    def description(self, obj):
        return xml_safe(f"The latest news from {settings.NEWSDESK_SITE_NAME}.")

    subtitle = description

    def item_title(self, item):
        return xml_safe(item.headline)

    def item_description(self, item):
        if full_content() and item.body:
            return xml_safe(item.body)
        return xml_safe(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    # The guid is the story's absolute URL (Django's default), a permalink.
    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # A corrected or updated story carries its later date (Atom <updated>).
        return item.updated_at if item.was_updated else item.published_at

    def item_author_name(self, item):
        names = [byline.person.name for byline in item.byline_set.all()]
        return xml_safe(", ".join(names)) or None

    def item_categories(self, item):
        return [xml_safe(tag.name) for tag in item.tags.all()]

    def item_enclosures(self, item):
        image = item.featured_image
        if not image or not image.file:
            return []
        try:
            length = image.file.size
        except OSError:  # a missing file must not break the whole feed
            return []
        url = self.request.build_absolute_uri(image.file.url)
        return [Enclosure(url, str(length), _mime_type(image.file.name))]


def _mime_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class NewsAtomFeed(WrittenOnce, Atom1Feed):
    pass


class AtomStoryFeed(StoryFeed):
    feed_type = NewsAtomFeed


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def stories(self, obj):
        return reading.section_stories(obj)

    def title(self, obj):
        return xml_safe(f"{obj.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_safe(obj.description or f"The latest {obj.name} news.")

    subtitle = description


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def stories(self, obj):
        return reading.tag_stories(obj)

    def list_key(self, obj):
        return pagecounts.tag_key(obj.pk)

    def title(self, obj):
        return xml_safe(f"Tag: {obj.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_safe(f"Stories tagged {obj.name}.")

    subtitle = description


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def stories(self, obj):
        return reading.author_stories(obj)

    def list_key(self, obj):
        return pagecounts.author_key(obj.pk)

    def title(self, obj):
        return xml_safe(f"{obj.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_safe(obj.bio or f"Stories by {obj.name}.")

    subtitle = description


class AtomSectionFeed(SectionFeed):
    feed_type = NewsAtomFeed


class AtomTagFeed(TagFeed):
    feed_type = NewsAtomFeed


class AtomAuthorFeed(AuthorFeed):
    feed_type = NewsAtomFeed
