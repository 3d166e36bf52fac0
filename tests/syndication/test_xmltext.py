"""Texts reach feeds and sitemaps with exactly the characters XML 1.0 allows, long or short."""

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.syndication.xmltext import xml_safe

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HOSTILE = st.sampled_from(["\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"])


@given(st.text(), st.lists(HOSTILE, max_size=3), st.integers(0, 600))
def test_only_what_xml_forbids_is_dropped(text, hostile, padding):
    body = "é한\ud7ff" * padding + text + "".join(hostile) + text
    assert xml_safe(body) == NOT_XML.sub("", body)
