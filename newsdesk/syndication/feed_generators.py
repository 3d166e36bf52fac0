"""The feed documents: Django's RSS 2.0 and Atom generators with what feed readers expect
beyond them, the summary (the standfirst) in RSS `<description>` and Atom `<summary>`, the
story itself in `<content:encoded>` and Atom `<content>`, and RSS's update date; written as
Django writes them, by a quicker writer (feed_writer.py). What goes in each item is
feeds.py's.
"""

from functools import lru_cache

from django.utils import feedgenerator

from newsdesk.syndication.feed_writer import EncodingQuickElementWriter, write_with_quick_elements

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


class WrittenItems:
    """A generator whose items may be given written (item_document's bytes) as well as by
    `add_item`: feed_items.py keeps each story's item as written, and a feed made again after a
    publish writes only the new story's."""

    item_element = "item"

    def add_written_item(self, document: bytes, pubdate, updateddate):
        # The dates stay beside the document for latest_post_date (Last-Modified, Atom's
        # <updated>).
        self.items.append({"written": document, "pubdate": pubdate, "updateddate": updateddate})

    def write_items(self, handler):
        # Django's write_items, but for the items given written.
        for item in self.items:
            if "written" in item:
                handler.add_written(item["written"])
                continue
            handler.startElement(self.item_element, self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement(self.item_element)


def item_document(feed_type, **values) -> bytes:
    """The item `values` (as `add_item` takes them) make in a `feed_type` feed, written as
    its `write` writes it into a response (UTF-8)."""
    feed = feed_type(title="", link="", description="")
    feed.add_item(**values)
    handler = EncodingQuickElementWriter("utf-8")
    feed.write_items(handler)
    return handler.document()


class NewsRssFeed(WrittenItems, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the body in `content:encoded` (RSS's content module) and, for a story
    corrected after publication, Atom's `updated` (RSS itself has no update date; the
    channel declares the Atom namespace, and readers such as feedparser understand it).
    Written as Django writes it (`Rss201rev2Feed.write`), by a quicker writer."""

    def write(self, outfile, encoding):
        write_with_quick_elements(self._write_document, outfile, encoding)

    def _write_document(self, handler):
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        rss_item_elements(handler, item)
        if item["updateddate"] and item["updateddate"] != item["pubdate"]:
            handler.addQuickElement("atom:updated", feedgenerator.rfc3339_date(item["updateddate"]))
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


@lru_cache(maxsize=4096)
def _rfc2822_date(moment, zone, fold) -> str:
    # A story's date, written in every feed that shows it: formatted once per process. The
    # zone and fold are in the key as equal moments in other zones are written otherwise.
    return feedgenerator.rfc2822_date(moment)


def rss_item_elements(handler, item):
    """Django's `Rss201rev2Feed.add_item_elements`, the same elements of the same values,
    but for the date, formatted once per process (_rfc2822_date)."""
    handler.addQuickElement("title", item["title"])
    handler.addQuickElement("link", item["link"])
    if item["description"] is not None:
        handler.addQuickElement("description", item["description"])
    if item["author_name"] and item["author_email"]:
        handler.addQuickElement("author", f"{item['author_email']} ({item['author_name']})")
    elif item["author_email"]:
        handler.addQuickElement("author", item["author_email"])
    elif item["author_name"]:
        handler.addQuickElement("dc:creator", item["author_name"], {"xmlns:dc": DC_NS})
    if (pubdate := item["pubdate"]) is not None:
        handler.addQuickElement(
            "pubDate",
            _rfc2822_date(pubdate, getattr(pubdate, "tzinfo", None), getattr(pubdate, "fold", 0)),
        )
    if item["comments"] is not None:
        handler.addQuickElement("comments", item["comments"])
    if item["unique_id"] is not None:
        guid_attrs = {}
        if isinstance(item.get("unique_id_is_permalink"), bool):
            guid_attrs["isPermaLink"] = str(item["unique_id_is_permalink"]).lower()
        handler.addQuickElement("guid", item["unique_id"], guid_attrs)
    if item["ttl"] is not None:
        handler.addQuickElement("ttl", item["ttl"])
    if item["enclosures"]:
        enclosures = list(item["enclosures"])
        if len(enclosures) > 1:
            raise ValueError(
                "RSS feed items may only have one enclosure, see "
                "http://www.rssboard.org/rss-profile#element-channel-item-enclosure"
            )
        enclosure = enclosures[0]
        attrs = {"url": enclosure.url, "length": enclosure.length, "type": enclosure.mime_type}
        handler.addQuickElement("enclosure", "", attrs)
    for category in item["categories"]:
        handler.addQuickElement("category", category)


class NewsAtomFeed(WrittenItems, feedgenerator.Atom1Feed):
    """Atom with the body in `<content type="html">` beside the summary; written as
    Django writes it (`Atom1Feed.write`), by a quicker writer."""

    item_element = "entry"

    def write(self, outfile, encoding):
        write_with_quick_elements(self._write_document, outfile, encoding)

    def _write_document(self, handler):
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
