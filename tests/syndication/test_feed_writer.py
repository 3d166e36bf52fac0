"""The feeds' quicker writer writes the very document Django's own writer writes from the
same feed, byte for byte, and refuses what Django's refuses."""

from datetime import UTC, datetime
from io import BytesIO, StringIO
from zoneinfo import ZoneInfo

import pytest
from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.syndication.feed_generators import (
    NewsAtomFeed,
    NewsRssFeed,
    item_document,
    rss_item_elements,
)
from newsdesk.syndication.xmltext import xml_safe

STOCK_WRITE = {
    NewsRssFeed: feedgenerator.Rss201rev2Feed.write,
    NewsAtomFeed: feedgenerator.Atom1Feed.write,
}


def a_feed(kind, body="<p>Fish &amp; chips</p>" * 40):
    feed = kind(
        title='Tom & Jerry\'s "news" <daily>',
        link="https://example.com/",
        description="Fish & chips < 5 pounds",
        language="fa",
        feed_url="https://example.com/feeds/?a=1&b=2",
        author_name="Newsdesk",
    )
    for number in range(3):
        feed.add_item(
            title=f"Story {number} & <friends>",
            link=f"https://example.com/story/{number}/?x=\"y\"&z='w'",
            description="" if number == 1 else f"Summary {number} \u2028 حمله به کی‌یف",
            author_name='Ann O\'Neil, Bo "B" Li' if number else None,
            pubdate=datetime(2026, 1, number + 1, tzinfo=UTC),
            updateddate=datetime(2026, 1, number + 2, tzinfo=UTC),
            unique_id=f"https://example.com/story/{number}/",
            unique_id_is_permalink=True,
            categories=["A & B", "<c>"] if number != 2 else [],
            enclosures=[
                feedgenerator.Enclosure("https://example.com/a b.jpg", "123", "image/jpeg")
            ],
            content=body,
        )
    return feed


def stock(feed) -> str:
    out = StringIO()
    STOCK_WRITE[type(feed)](feed, out, "utf-8")
    return out.getvalue()


@pytest.mark.parametrize("kind", [NewsRssFeed, NewsAtomFeed])
def test_same_document_as_djangos_writer(kind):
    feed = a_feed(kind)
    assert feed.writeString("utf-8") == stock(feed)
    # Into a byte stream (as Django's own feed view writes into its response) too.
    out = BytesIO()
    feed.write(out, "utf-8")
    assert out.getvalue().decode() == stock(feed)


@pytest.mark.parametrize("kind", [NewsRssFeed, NewsAtomFeed])
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_items_given_written_make_the_same_document(kind, encoding):
    """An item kept as written (item_document) and given back to a feed reads as if it had
    been added with its values: the same document, the same latest date."""
    added = a_feed(kind)
    written = a_feed(kind)
    items, written.items = written.items, []
    for values in items:
        written.add_written_item(
            item_document(kind, **values), values["pubdate"], values["updateddate"]
        )
    assert written.writeString(encoding) == added.writeString(encoding)
    into_added, into_written = BytesIO(), BytesIO()
    added.write(into_added, encoding)
    written.write(into_written, encoding)
    assert into_written.getvalue() == into_added.getvalue()
    latest = datetime(2026, 1, 4, tzinfo=UTC)
    assert written.latest_post_date() == added.latest_post_date() == latest


@pytest.mark.parametrize("kind", [NewsRssFeed, NewsAtomFeed])
@pytest.mark.parametrize("body", ["short \x0b", "<p>long</p>" * 100 + "\x1f"])
def test_control_characters_refused_as_django_refuses_them(kind, body):
    feed = a_feed(kind, body=body)
    with pytest.raises(UnserializableContentError):
        stock(feed)
    with pytest.raises(UnserializableContentError):
        feed.writeString("utf-8")


HOSTILE = st.sampled_from(["\x0b", "\x1f", "\ud800", "&", "<", ">", '"', "'", "\n", "é", "한"])
TEXT = st.lists(st.one_of(st.text(max_size=40), HOSTILE), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([NewsRssFeed, NewsAtomFeed]),
    st.sampled_from(["utf-8", "ascii", "latin-1", "utf-16"]),
    TEXT,
    TEXT,
    st.integers(0, 60),
)
def test_into_a_binary_stream_the_same_bytes_as_djangos_writer(kind, encoding, text, body, times):
    """Any text, short or long (a body), in any encoding: the same bytes, or the same error."""
    feed = a_feed(kind, body=body * times + "<p>a & b</p>")
    feed.items[0]["title"] = text
    feed.items[2]["categories"] = [text]
    ours, theirs = BytesIO(), BytesIO()
    try:
        STOCK_WRITE[kind](feed, theirs, encoding)
    except UnserializableContentError:
        with pytest.raises(UnserializableContentError):
            feed.write(ours, encoding)
        return
    feed.write(ours, encoding)
    assert ours.getvalue() == theirs.getvalue()


ZONES = [UTC, ZoneInfo("Asia/Tehran"), ZoneInfo("Europe/London")]


@settings(max_examples=100, deadline=None)
@given(st.datetimes(timezones=st.sampled_from(ZONES), allow_imaginary=False), TEXT)
def test_rss_items_as_djangos_generator_writes_them(moment, name):
    """An item's elements, its date in any zone (either side of a clock change), as
    Django's RSS generator writes them: the same moment in each zone, naive, or no date."""
    feed = a_feed(NewsRssFeed)
    dates = [moment.astimezone(zone) for zone in ZONES] + [moment.replace(tzinfo=None), None]
    for date in dates:
        item = {**feed.items[1], "pubdate": date, "author_name": xml_safe(name) or None}
        ours, theirs = StringIO(), StringIO()
        rss_item_elements(SimplerXMLGenerator(ours, "utf-8"), item)
        django_rss = feedgenerator.Rss201rev2Feed.add_item_elements
        django_rss(feed, SimplerXMLGenerator(theirs, "utf-8"), item)
        assert ours.getvalue() == theirs.getvalue()
