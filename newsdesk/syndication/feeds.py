"""RSS 2.0 and Atom feeds for the whole site, a section, a tag and an author.

Each feed is a small subclass of Django's `Feed` for the channel (title, links, language,
dates); the items are the newest of the same story lists as the public pages (by list key,
see pagecounts) under the same visibility rule, so a feed never shows what a reader could
not see, read as plain rows by prepared queries (feed_entries) and written in one piece
(feed_writer): Django's per-item machinery cost ten times the rest.
"""

import io

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date

from newsdesk.content.links import fast_reverse
from newsdesk.content.services import named, pagecounts
from newsdesk.syndication.feed_entries import read_entries
from newsdesk.syndication.feed_writer import atom_entries, rss_items
from newsdesk.syndication.xmltext import is_xml_text, xml_safe

FEED_SIZE = 50
# Where the items go in the channel Django writes: the channel's texts hold no NUL (xml_safe).
ITEMS_GO_HERE = "\x00items\x00"


def full_content() -> bool:
    """Full story bodies in feeds, or only the summary (NEWSDESK_FEED_FULL_CONTENT)."""
    return getattr(settings, "NEWSDESK_FEED_FULL_CONTENT", True)


class WrittenAtOnce:
    """Django's generator writes the channel; the items (`entries`, set by the view) are
    written in one piece by `write_entries`."""

    entries = ()

    def latest_post_date(self):
        dates = [date for entry in self.entries for date in (entry.published, entry.updated)]
        return max(dates, default=None) or timezone.now()

    def write_items(self, handler):
        handler.ignorableWhitespace(ITEMS_GO_HERE)  # SAX's one call that writes text as given

    def document(self) -> bytes:
        """The feed in UTF-8. Text is written as stored and the document checked once; a
        character XML forbids (a stray control character from a wire) means writing it
        again with every text cleaned."""
        buffer = io.StringIO()
        self.write(buffer, "utf-8")
        # Only the channel goes through the SAX writer: 370 KB of items through a StringIO
        # cost more than writing them.
        head, tail = (part.encode() for part in buffer.getvalue().split(ITEMS_GO_HERE))
        try:
            data = b"".join((head, *self.write_entries(self.entries), tail))
            if is_xml_text(data):
                return data
        except UnicodeEncodeError:  # a lone surrogate
            pass
        return b"".join((head, *self.write_entries(self.entries, xml_safe), tail))


class NewsRssFeed(WrittenAtOnce, Rss201rev2Feed):
    """RSS 2.0 has no "updated" date: a corrected story also carries <atom:updated> (the
    atom namespace is already declared), which feed readers such as feedparser understand."""

    write_entries = staticmethod(rss_items)


class NewsAtomFeed(WrittenAtOnce, Atom1Feed):
    write_entries = staticmethod(atom_entries)


class StoryFeed(Feed):
    """The whole site: the newest live stories."""

    feed_type = NewsRssFeed

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feed = self.get_feed(obj, request)
        feed.entries = read_entries(self.list_key(obj), FEED_SIZE, request, full_content())
        response = HttpResponse(feed.document(), content_type=feed.content_type)
        response["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        return response

    def items(self, obj):
        return ()  # Django's per-item machinery is not used: see read_entries

    def list_key(self, obj) -> str:
        """The story list the feed shows (see pagecounts)."""
        return pagecounts.ALL

    def title(self, obj):
        return xml_safe(settings.NEWSDESK_SITE_NAME)

    def link(self, obj):
        return fast_reverse("public:home")

    def description(self, obj):
        return xml_safe(f"The latest news from {settings.NEWSDESK_SITE_NAME}.")

    subtitle = description


class AtomStoryFeed(StoryFeed):
    feed_type = NewsAtomFeed


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return named.section_or_404(slug)

    def list_key(self, obj):
        return pagecounts.section_key(obj.pk)

    def title(self, obj):
        return xml_safe(f"{obj.name} – {settings.NEWSDESK_SITE_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_safe(obj.description or f"The latest {obj.name} news.")

    subtitle = description


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        return named.tag_or_404(slug)

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
        return named.person_or_404(slug)

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
