"""Property tests: the parsers of outside input never crash on anything thrown at them."""

import ipaddress
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.net import FetchError, UnsafeURL, check_url
from newsdesk.net.addresses import forbidden_reason
from newsdesk.wire.models import ItemStatus, WireItem
from newsdesk.wire.services.ninjs import import_ninjs
from newsdesk.wire.services.wordpress_markup import to_html

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "uri",
                    "headline",
                    "headlines",
                    "bodies",
                    "body_html",
                    "body_text",
                    "by",
                    "byline",
                    "associations",
                    "renditions",
                    "href",
                    "value",
                    "versioncreated",
                    "language",
                    "type",
                    "contenttype",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=json_values)
def test_any_json_becomes_an_item_or_a_kept_failure(document):
    raw = json.dumps(document)
    before = WireItem.objects.count()
    item = import_ninjs(raw)
    assert item is not None and WireItem.objects.count() == before + 1
    assert item.raw == raw
    assert item.status in (ItemStatus.NEW, ItemStatus.FAILED)
    assert (item.status == ItemStatus.FAILED) == bool(item.error)


@settings(max_examples=150, deadline=None)
@given(
    content=st.text(
        alphabet=st.sampled_from(list('[]<>/=" \nabcpw:-!gallerycaptionembedids1,'))
        | st.characters(),
        max_size=300,
    )
)
def test_wordpress_markup_never_crashes(content):
    assert isinstance(to_html(content, lambda _id: "https://img.example/1.jpg"), str)


@settings(max_examples=150, deadline=None)
@given(url=st.text(max_size=80) | st.from_regex(r"\A(https?|ftp|file)://[0-9:\[\]@]{0,24}/?\Z"))
def test_check_url_refuses_cleanly_or_passes_only_public_http(url):
    try:
        checked = check_url(url)
    except (UnsafeURL, FetchError):
        return
    assert checked.scheme in ("http", "https") and checked.addresses
    assert all(forbidden_reason(ipaddress.ip_address(a)) is None for a in checked.addresses)
