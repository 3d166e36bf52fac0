"""Bodies leave the site with absolute links; nothing else in them changes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.content.body_links import absolute_body
from newsdesk.content.text import sanitize_html

BASE = "https://news.example/story/5/a-story/"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="/x/">x</a>', '<a href="https://news.example/x/">x</a>'),
        ('<a href="#n">n</a>', f'<a href="{BASE}#n">n</a>'),
        ('<a href="../b/">b</a>', '<a href="https://news.example/story/5/b/">b</a>'),
        ('<a href="//cdn.example/p">p</a>', '<a href="https://cdn.example/p">p</a>'),
        ('<a href="mailto:desk@news.example">m</a>', '<a href="mailto:desk@news.example">m</a>'),
        ('<a href="https://o.example/?a=1&amp;b=2">o</a>', None),
        (
            '<img src="a.webp" srcset="a.webp 1x,/b.webp 2x">',
            f'<img src="{BASE}a.webp" srcset="{BASE}a.webp 1x, https://news.example/b.webp 2x">',
        ),
        # An attribute's value and the text are not attributes to rewrite.
        ('<a title="src=" href="/y/">see href="/z/"</a>', None),
    ],
)
def test_links_are_resolved_against_the_story(body, expected):
    result = absolute_body(body, BASE)
    if expected is None:  # only the real link changes
        expected = body.replace('href="/y/"', 'href="https://news.example/y/"')
    assert result == expected


@given(st.text(max_size=200))
def test_text_is_never_taken_for_a_link(text):
    """Whatever a paragraph says (href="/x", <img src=…> typed as text), it stays as it is."""
    body = sanitize_html(f"<p>{text}</p><p>{text} href=\"/x/\" src='/y'</p>")
    assert absolute_body(body, BASE) == body
