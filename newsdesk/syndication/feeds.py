"""RSS 2.0 and Atom feeds for the whole site, a section, a tag and an author.

Each feed is a `django.contrib.syndication` `Feed` whose hooks say what the channel and
each item show; the items are the newest of the same story list as the matching public
page (`StoryList`), under the same visibility rule, so a feed never shows what a reader
could not see. Feed readers expect the summary (the standfirst) in RSS `<description>` and
Atom `<summary>`, and the story itself in `<content:encoded>` and Atom `<content>`: the
two generators below add those (and RSS's update date), nothing else.

Speed comes from the page cache in front of the feeds, not from writing XML by hand.
"""

import mimetypes
from typing import NamedTuple

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator

from newsdesk.content.body_links import absolute_body
from newsdesk.content.models import Story
from newsdesk.content.models.story import story_summary, updated_after_publication
from newsdesk.content.services import named, pagecounts
from newsdesk.content.services.lists import StoryList
from newsdesk.syndication.xmltext import xml_safe

FEED_SIZE = 50
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def full_content() -> bool:
    """Full story bodies in feeds, or only the summary (NEWSDESK_FEED_FULL_CONTENT)."""
    return getattr(settings, "NEWSDESK_FEED_FULL_CONTENT", True)


class NewsRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the body in `content:encoded` (RSS's content module) and, for a story
    corrected after publication, Atom's `updated` (RSS itself has no update date; the
    channel declares the Atom namespace, and readers such as feedparser understand it)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] and item["updateddate"] != item["pubdate"]:
            handler.addQuickElement("atom:updated", feedgenerator.rfc3339_date(item["updateddate"]))
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class NewsAtomFeed(feedgenerator.Atom1Feed):
    """Atom with the body in `<content type="html">` beside the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class Subject(NamedTuple):
    """What a feed is about (a section, tag or person; None for the whole site) and the
    site's address for this request, which the item hooks need and are not given."""

    about: object
    site: str  # "https://example.com", no trailing slash


class FeedStory(NamedTuple):
    story: Story
    site: str

    def absolute(self, url: str) -> str:
        return url if "://" in url else self.site + url


class StoryFeed(Feed):
    """The whole site: the newest live stories."""

    feed_type = NewsRssFeed
    item_guid_is_permalink = True

    def get_object(self, request, **kwargs):
        return Subject(self.about(**kwargs), request.build_absolute_uri("/").rstrip("/"))

    def about(self):
        return None

    def list_key(self, about) -> str:
        """The story list the feed shows (see pagecounts)."""
        return pagecounts.ALL

    # The channel.
    def title(self, subject):
        return xml_safe(settings.NEWSDESK_SITE_NAME)

    def link(self, subject):
        return "/"

    def description(self, subject):
        return xml_safe(f"The latest news from {settings.NEWSDESK_SITE_NAME}.")

    def subtitle(self, subject):
        return self.description(subject)

    def author_name(self, subject):
        # Atom requires an author for every entry: the site's, where a story has no byline.
        return xml_safe(settings.NEWSDESK_SITE_NAME)

    # The items.
    def items(self, subject):
        stories = StoryList(self.list_key(subject.about)).newest(FEED_SIZE)
        return [FeedStory(story, subject.site) for story in stories]

    def item_title(self, item):
        return xml_safe(item.story.headline)

    def item_link(self, item):
        return item.story.get_absolute_url()

    def item_description(self, item):
        story = item.story
        return xml_safe(story_summary(story.standfirst, "" if story.standfirst else story.body))

    def item_author_name(self, item):
        names = [byline.person.name for byline in item.story.byline_set.all()]
        return xml_safe(", ".join(names)) or None

    def item_pubdate(self, item):
        return item.story.published_at

    def item_updateddate(self, item):
        story = item.story
        if updated_after_publication(story.published_at, story.updated_at):
            return story.updated_at
        return story.published_at

    def item_categories(self, item):
        return [xml_safe(tag.name) for tag in item.story.tags.all()]

    def item_enclosures(self, item):
        picture = item.story.featured_image
        if picture is None:
            return []
        try:
            length = picture.file.size
        except OSError:  # a missing file must not break the whole feed
            return []
        mime_type = mimetypes.guess_type(picture.file.name)[0] or "application/octet-stream"
        return [feedgenerator.Enclosure(item.absolute(picture.file.url), str(length), mime_type)]

    def item_extra_kwargs(self, item):
        story = item.story
        if not full_content() or not story.body:
            return {}
        base = item.absolute(story.get_absolute_url())
        return {"content": xml_safe(absolute_body(story.body, base))}


class AtomStoryFeed(StoryFeed):
    feed_type = NewsAtomFeed


class SectionFeed(StoryFeed):
    def about(self, slug):
        return named.section_or_404(slug)

    def list_key(self, about):
        return pagecounts.section_key(about.pk)

    def title(self, subject):
        return xml_safe(f"{subject.about.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, subject):
        return subject.about.get_absolute_url()

    def description(self, subject):
        return xml_safe(subject.about.description or f"The latest {subject.about.name} news.")


class TagFeed(StoryFeed):
    def about(self, slug):
        return named.tag_or_404(slug)

    def list_key(self, about):
        return pagecounts.tag_key(about.pk)

    def title(self, subject):
        return xml_safe(f"Tag: {subject.about.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, subject):
        return subject.about.get_absolute_url()

    def description(self, subject):
        return xml_safe(f"Stories tagged {subject.about.name}.")


class AuthorFeed(StoryFeed):
    def about(self, slug):
        return named.person_or_404(slug)

    def list_key(self, about):
        return pagecounts.author_key(about.pk)

    def title(self, subject):
        return xml_safe(f"{subject.about.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, subject):
        return subject.about.get_absolute_url()

    def description(self, subject):
        return xml_safe(subject.about.bio or f"Stories by {subject.about.name}.")


class AtomSectionFeed(SectionFeed):
    feed_type = NewsAtomFeed


class AtomTagFeed(TagFeed):
    feed_type = NewsAtomFeed


class AtomAuthorFeed(AuthorFeed):
    feed_type = NewsAtomFeed
