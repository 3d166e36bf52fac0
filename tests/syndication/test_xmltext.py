"""Texts reach feeds and sitemaps with exactly the characters XML 1.0 allows, long or short."""

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.syndication.xmltext import has_control_characters, xml_safe

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HOSTILE = st.sampled_from(["\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"])


@given(st.text(), st.lists(HOSTILE, max_size=3), st.integers(0, 600))
def test_only_what_xml_forbids_is_dropped(text, hostile, padding):
    body = "é한\ud7ff" * padding + text + "".join(hostile) + text
    assert xml_safe(body) == NOT_XML.sub("", body)


CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@given(st.text(), st.integers(0, 200))
def test_control_characters_are_found_in_short_and_long_texts(text, padding):
    body = "é한\ud800 <&>" * padding + text
    assert has_control_characters(body) == bool(CONTROLS.search(body))
