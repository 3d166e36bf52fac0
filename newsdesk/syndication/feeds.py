"""RSS 2.0 and Atom feeds for the whole site, a section, a tag and an author.

Each feed is a small subclass of Django's `Feed`, whose hooks say what the channel shows
(title, link, description); the items are the newest of the same story lists as the public
pages (by list key, see pagecounts) under the same visibility rule, so a feed never shows
what a reader could not see, read as plain rows by prepared queries (feed_entries). The
document is written in one piece, channel (feed_channel) and items (feed_writer), with the
markup Django's generators write: Django's per-item machinery cost ten times the rest.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed, add_domain
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.translation import get_language

from newsdesk.content.links import fast_reverse
from newsdesk.content.services import named, pagecounts
from newsdesk.syndication.feed_channel import Channel, atom_channel, rss_channel
from newsdesk.syndication.feed_entries import read_entries
from newsdesk.syndication.feed_writer import atom_entries, rss_items
from newsdesk.syndication.xmltext import is_xml_text, xml_safe

FEED_SIZE = 50
# Each of Django's generators by what writes its channel and its items.
WRITERS = {Rss201rev2Feed: (rss_channel, rss_items), Atom1Feed: (atom_channel, atom_entries)}


def full_content() -> bool:
    """Full story bodies in feeds, or only the summary (NEWSDESK_FEED_FULL_CONTENT)."""
    return getattr(settings, "NEWSDESK_FEED_FULL_CONTENT", True)


def latest_post_date(entries) -> datetime:
    """The newest publication or update date, as Django's `latest_post_date()`: now, for
    a feed without stories. An entry's update date is never before its publication."""
    return max([entry.updated for entry in entries], default=None) or timezone.now()


def document(channel: Channel, entries, write_channel, write_entries) -> bytes:
    """The feed in UTF-8. Text is written as stored and the document checked once; a
    character XML forbids (a stray control character from a wire) means writing the items
    again with every text cleaned (the channel's texts are cleaned by the feeds' hooks)."""
    head, tail = write_channel(channel)
    try:
        data = b"".join((head, *write_entries(entries), tail))
        if is_xml_text(data):
            return data
    except UnicodeEncodeError:  # a lone surrogate
        pass
    return b"".join((head, *write_entries(entries, xml_safe), tail))


class StoryFeed(Feed):
    """The whole site: the newest live stories."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        entries = read_entries(self.list_key(obj), FEED_SIZE, request, full_content())
        channel = self.channel(obj, request, latest_post_date(entries))
        data = document(channel, entries, *WRITERS[self.feed_type])
        response = HttpResponse(data, content_type=self.feed_type.content_type)
        response["Last-Modified"] = http_date(channel.updated.timestamp())
        return response

    def channel(self, obj, request, updated) -> Channel:
        """What `Feed.get_feed()` gives Django's generator for our hooks: links made
        absolute for the request's host (no sites framework: `RequestSite`) and quoted, the
        feed's own URL the request's path, the active language."""
        domain, secure = request.get_host(), request.is_secure()
        return Channel(
            title=self.title(obj),
            link=iri_to_uri(add_domain(domain, self.link(obj), secure)),
            description=self.description(obj),
            feed_url=iri_to_uri(add_domain(domain, request.path, secure)),
            language=self.language or get_language(),
            updated=updated,
        )

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
    feed_type = Atom1Feed


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
    feed_type = Atom1Feed


class AtomTagFeed(TagFeed):
    feed_type = Atom1Feed


class AtomAuthorFeed(AuthorFeed):
    feed_type = Atom1Feed
