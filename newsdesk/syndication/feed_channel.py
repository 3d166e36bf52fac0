"""The channel of an RSS 2.0 or Atom feed: the document around its items, in UTF-8.

The markup is exactly what Django's `Rss201rev2Feed` and `Atom1Feed` write for the
attributes our feeds give (tests/syndication/test_feed_channel.py compares them byte for
byte, hostile names included): a title, links, a description, a language and the newest
story's date. Django's SAX writer and `Feed.get_feed()` (twenty hook lookups, each by
introspection) cost a feed ≈ 80 µs for these half a dozen elements.
"""

from datetime import datetime
from typing import NamedTuple

from newsdesk.syndication.feed_writer import (
    attribute,
    element,
    escape,
    rfc2822_date,
    rfc3339_date,
)

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
ATOM_NS = "http://www.w3.org/2005/Atom"


class Channel(NamedTuple):
    """What a feed says of itself, as Django's `SyndicationFeed.feed` holds it: links
    absolute and quoted, texts as given (the writer escapes them)."""

    title: str
    link: str
    description: str  # Atom's subtitle
    feed_url: str
    language: str | None
    updated: datetime  # the newest story's date


def rss_channel(channel: Channel) -> tuple[bytes, bytes]:
    """(what comes before the items, what comes after them)."""
    language = channel.language
    head = (
        f'{XML_DECLARATION}<rss version="2.0" xmlns:atom="{ATOM_NS}"><channel>'
        f"{element('title', escape(channel.title))}{element('link', escape(channel.link))}"
        f"{element('description', escape(channel.description))}"
        f'<atom:link href={attribute(channel.feed_url)} rel="self"/>'
        f"{element('language', escape(language)) if language is not None else ''}"
        f"<lastBuildDate>{rfc2822_date(channel.updated)}</lastBuildDate>"
    )
    return head.encode(), b"</channel></rss>"


def atom_channel(channel: Channel) -> tuple[bytes, bytes]:
    language = channel.language
    head = (
        f"{XML_DECLARATION}<feed"
        f"{f' xml:lang={attribute(language)}' if language is not None else ''}"
        f' xmlns="{ATOM_NS}">{element("title", escape(channel.title))}'
        f'<link href={attribute(channel.link)} rel="alternate"/>'
        f'<link href={attribute(channel.feed_url)} rel="self"/>'
        f"{element('id', escape(channel.link))}"
        f"<updated>{rfc3339_date(channel.updated)}</updated>"
        f"{element('subtitle', escape(channel.description))}"
    )
    return head.encode(), b"</feed>"
