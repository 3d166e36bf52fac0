"""RSS 2.0 and Atom feeds for the whole site, a section, a tag and an author.

Each feed is a `django.contrib.syndication` `Feed` whose hooks say what the channel shows;
its `get_feed` hands Django's generator each item's values, worked out in one pass. The
items are the newest of the same story list as the matching public page (`StoryList`),
under the same visibility rule, so a feed never shows what a reader could not see. Feed
readers expect the summary (the standfirst) in RSS `<description>` and Atom `<summary>`,
and the story itself in `<content:encoded>` and Atom `<content>`: the two generators in
feed_generators.py add those (and RSS's update date), nothing else.

Speed comes from the page cache in front of the feeds, and, when a feed is made again (a
publish purges it), from each story's item being written once per process for as long as
the values it is written from stay the same (`written_item`).
"""

from typing import NamedTuple

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils.http import http_date
from django.utils.translation import get_language

from newsdesk.content.links import fast_reverse
from newsdesk.content.models import Person, Section, Tag
from newsdesk.content.models.story import story_paths
from newsdesk.content.services import pagecounts
from newsdesk.content.services.lists import StoryList
from newsdesk.content.services.prepared import Prepared
from newsdesk.editions.current import current_edition, site_name
from newsdesk.syndication.feed_generators import NewsAtomFeed, NewsRssFeed
from newsdesk.syndication.feed_items import (
    STORY_FIELDS,
    FeedStory,
    ItemPlace,
    absolute,
    full_content,
    names_by_story,
    written_item,
)
from newsdesk.syndication.xmltext import xml_safe

FEED_SIZE = 50


class Subject(NamedTuple):
    """What a feed is about (a section, tag or person; None for the whole site) and the
    site's address for this request, which the items need (a body's links are made absolute)."""

    about: object
    site: str  # "https://example.com", no trailing slash


def _by_slug(model, *fields):
    """A function of a slug giving the `model` instance of that slug, with `fields` (what
    its feed's channel shows), or raising Http404 as `get_object_or_404` does: read by a
    prepared query, a lookup compiled anew costing a feed more than the query itself."""
    query = Prepared(lambda slug: model.objects.filter(slug=slug).values_list("pk", *fields))

    def find(slug: str):
        rows = query.rows(slug=slug)
        if not rows:
            raise Http404(f"No {model.__name__} matches the given query.")
        return model(**dict(zip(("pk", *fields), rows[0], strict=True)))

    return find


_section = _by_slug(Section, "slug", "name", "description")
_tag = _by_slug(Tag, "slug", "name")
_person = _by_slug(Person, "slug", "name", "bio")


class _Written(list):
    """A binary stream keeping what is written to it as it came: the feed's writer writes
    its document once, which the response then holds without a copy (a third of a
    megabyte copied, into fresh memory, costs a feed as much as writing many of its
    elements)."""

    write = list.append


class StoryFeed(Feed):
    """The whole site: the newest live stories."""

    feed_type = NewsRssFeed
    item_guid_is_permalink = True

    def __call__(self, request, *args, **kwargs):
        # Django's view, but for the Last-Modified header, which it sets only for a feed
        # with an item_pubdate hook (get_feed below hands the dates over itself), and for
        # the response's body, the document as written (see _Written).
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feed = self.get_feed(obj, request)
        document = _Written()
        feed.write(document, "utf-8")
        response = HttpResponse(document, content_type=feed.content_type)
        if latest := feed.latest_post_date():
            response.headers["Last-Modified"] = http_date(latest.timestamp())
        return response

    def get_object(self, request, **kwargs):
        return Subject(self.about(**kwargs), request.build_absolute_uri("/").rstrip("/"))

    def about(self):
        return None

    def list_key(self, about) -> str:
        """The story list the feed shows (see pagecounts): the edition's."""
        return StoryList.of_edition(current_edition().code).key

    # The channel, in the edition's language (Django's Feed: the active one).
    def title(self, subject):
        return xml_safe(site_name())

    def link(self, subject):
        return fast_reverse("public:home")

    def description(self, subject):
        return xml_safe(f"The latest news from {site_name()}.")

    def subtitle(self, subject):
        return self.description(subject)

    def author_name(self, subject):
        # Atom requires an author for every entry: the site's, where a story has no byline.
        return xml_safe(site_name())

    def items(self, subject) -> list["FeedStory"]:
        rows = StoryList(self.list_key(subject.about)).newest(FEED_SIZE, fields=STORY_FIELDS)
        authors, tags = names_by_story([row.pk for row in rows])
        return [FeedStory(row, tuple(authors[row.pk]), tuple(tags[row.pk])) for row in rows]

    def get_feed(self, obj, request):
        """The feed Django's `Feed.get_feed` builds from these hooks, the same generator
        given the same values; only each item's values are worked out once (item_of) and
        handed over in one `add_item` call, rather than asked for hook by hook (some 14
        hooks of every item, each looked up and inspected by Django on every call), and
        each item is written once per process for as long as its values stay the same
        (written_item)."""
        domain, secure = get_current_site(request).domain, request.is_secure()
        feed = self.feed_type(
            title=self.title(obj),
            subtitle=self.subtitle(obj),
            link=absolute(domain, self.link(obj), secure),
            description=self.description(obj),
            language=self.language or get_language(),
            feed_url=absolute(domain, request.path, secure),
            author_name=self.author_name(obj),
        )
        path = story_paths()
        full = full_content()
        for story in self.items(obj):
            link = path(story.row.pk, story.row.slug)
            place = ItemPlace(link, obj.site, domain, secure, full, self.item_guid_is_permalink)
            feed.add_written_item(*written_item(self.feed_type, story, place))
        return feed


class AtomStoryFeed(StoryFeed):
    feed_type = NewsAtomFeed


class SectionFeed(StoryFeed):
    def about(self, slug):
        return _section(slug)

    def list_key(self, about):
        return pagecounts.section_key(about.pk)

    def title(self, subject):
        return xml_safe(f"{subject.about.name} – {site_name()}")

    def link(self, subject):
        return subject.about.get_absolute_url()

    def description(self, subject):
        return xml_safe(subject.about.description or f"The latest {subject.about.name} news.")


class TagFeed(StoryFeed):
    def about(self, slug):
        return _tag(slug)

    def list_key(self, about):
        return pagecounts.tag_key(about.pk)

    def title(self, subject):
        return xml_safe(f"Tag: {subject.about.name} – {site_name()}")

    def link(self, subject):
        return subject.about.get_absolute_url()

    def description(self, subject):
        return xml_safe(f"Stories tagged {subject.about.name}.")


class AuthorFeed(StoryFeed):
    def about(self, slug):
        return _person(slug)

    def list_key(self, about):
        return pagecounts.author_key(about.pk)

    def title(self, subject):
        return xml_safe(f"{subject.about.name} – {site_name()}")

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
