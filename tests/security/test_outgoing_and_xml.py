"""Cross-cutting guards for the importers: every outgoing request goes through the one
SSRF-safe fetcher, and XML bombs and external entities in feeds neither expand nor leak."""

import ast
import time
from pathlib import Path

import pytest

import newsdesk

PACKAGE = Path(newsdesk.__file__).parent
NETWORK_MODULES = {"httpx", "requests", "urllib.request", "urllib3", "http.client", "aiohttp"}


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_ssrf_safe_fetcher_opens_network_connections():
    """A module that imported an HTTP client directly could skip the address checks in
    newsdesk/net (loopback, private, link-local, metadata; redirects; DNS names)."""
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "net" or "migrations" in relative.parts:
            continue
        direct = imports_of(path) & NETWORK_MODULES
        if direct:
            offenders[str(relative)] = sorted(direct)
    assert offenders == {}


def test_ssrf_guard_refuses_internal_addresses(settings):
    from newsdesk.net.addresses import UnsafeURL, check_url

    settings.NEWSDESK_FETCH_ALLOW = []
    for url in [
        "http://127.0.0.1/",
        "http://localhost:8400/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://0.0.0.0/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
    ]:
        with pytest.raises(UnsafeURL):
            check_url(url)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "lollollollollollollollollollol">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&h;</title><link>https://example.org/1</link><guid>bomb-1</guid>
<description>&h;</description></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>Leak &secret;</title><link>https://example.org/2</link><guid>xxe-1</guid>
<description>Leak: &secret;</description></item></channel></rss>"""


@pytest.fixture
def feed(newsroom):
    from newsdesk.wire.models import Feed, WireSource

    wire = WireSource.objects.create(source=newsroom.source("Agency"))
    return Feed.objects.create(wire_source=wire, url="https://example.org/feed.xml")


def stored_text():
    from newsdesk.wire.models import WireItem

    return " ".join(str(value) for row in WireItem.objects.values() for value in row.values())


def test_billion_laughs_feed_does_not_expand(feed):
    from newsdesk.wire.services.polling import ingest_document

    started = time.monotonic()
    result = ingest_document(feed, BILLION_LAUGHS)
    assert time.monotonic() - started < 5
    # 10^8 "lol"s would be 3 GB; whatever is kept is the document as it came, not expanded.
    assert len(stored_text()) < 20 * len(BILLION_LAUGHS)
    assert "lollollol" * 1000 not in stored_text()
    assert isinstance(result, dict)


def test_external_entity_in_feed_is_not_read(feed):
    from newsdesk.wire.services.polling import ingest_document

    ingest_document(feed, XXE)
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    assert passwd not in stored_text()
