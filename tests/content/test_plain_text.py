"""Text that keeps its words: plain_text() and the sanitizer turn every block boundary into
whitespace and join nothing that inline markup only decorates. Search, summaries, ninjs
body_text and near-duplicate detection all read this text."""

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.content.text import BOUNDARY_TAGS, plain_text, sanitize_html

# Containers a writer's or an exporter's HTML nests freely (a browser parses each as a
# block); the inline ones only decorate the words inside.
BLOCKS = [
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "address",
    "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "dl", "dt", "dd", "pre", "details", "summary", "center", "hgroup", "menu", "fieldset",
]  # fmt: skip
INLINE = ["span", "b", "strong", "i", "em", "a", "code", "small", "sub", "sup", "mark", "abbr",
          "q", "time", "u", "s", "cite", "font", "x-widget"]  # fmt: skip
VOID_BOUNDARIES = ["br", "hr", "img"]
ATTRIBUTES = ["", ' class="lead"', ' title="a > b"', ' style="color:red"', " data-x='1'"]


@dataclass
class Word:
    text: str


@dataclass
class Element:
    tag: str
    attributes: str
    children: list


def _html(node) -> str:
    if isinstance(node, Word):
        return node.text
    if node.tag in VOID_BOUNDARIES:
        return f"<{node.tag}{node.attributes}>"
    if node.tag == "table":  # text lives in cells; text loose in a table moves out of it
        cells = "".join(f"<td>{_html(child)}</td>" for child in node.children)
        return f"<table{node.attributes}><tr>{cells}</tr></table>"
    inner = "".join(_html(child) for child in node.children)
    return f"<{node.tag}{node.attributes}>{inner}</{node.tag}>"


def _tokens(node, out: list):
    """Words, and "|" wherever a block begins or ends."""
    if isinstance(node, Word):
        out.append(node.text)
        return
    boundary = node.tag in BOUNDARY_TAGS or node.tag == "table"
    if boundary:
        out.append("|")
    for child in node.children:
        _tokens(child, out)
        if node.tag == "table":
            out.append("|")  # each child is a cell of its own
    if boundary:
        out.append("|")


def expected_text(nodes) -> str:
    tokens = []
    for node in nodes:
        _tokens(node, tokens)
    return " ".join("".join(tokens).replace("|", " ").split())


words = st.from_regex(r"[A-Za-z][a-z]{0,7}", fullmatch=True).map(Word)


def _element(children):
    tags = st.sampled_from(BLOCKS + INLINE + ["table"])
    containers = st.builds(
        Element, tags, st.sampled_from(ATTRIBUTES), st.lists(children, max_size=4)
    )
    voids = st.builds(
        Element, st.sampled_from(VOID_BOUNDARIES), st.sampled_from(ATTRIBUTES), st.just([])
    )
    return containers | voids


# Nestings an HTML parser does not keep as written: a heading's start tag closes an open
# heading, an li an open li, a dt or dd an open dt or dd, and the text after them lands
# elsewhere. Such a generated child is made a div, so the markup means the generated tree.
CLOSES_ITS_KIND = [{"h1", "h2", "h3", "h4", "h5", "h6"}, {"li"}, {"dt", "dd"}]


def _as_parsed(node, open_kinds=frozenset()):
    if isinstance(node, Word):
        return node
    tag = node.tag
    kind = next((i for i, tags in enumerate(CLOSES_ITS_KIND) if tag in tags), None)
    if kind in open_kinds:
        tag, kind = "div", None
    inside = open_kinds | ({kind} if kind is not None else set())
    return Element(tag, node.attributes, [_as_parsed(child, inside) for child in node.children])


fragments = st.lists(st.recursive(words, _element, max_leaves=25), min_size=1, max_size=6).map(
    lambda nodes: [_as_parsed(node) for node in nodes]
)


@settings(max_examples=300, deadline=None)
@given(fragments)
def test_block_boundaries_become_spaces_and_inline_markup_joins_nothing(nodes):
    html = "".join(_html(node) for node in nodes)
    assert plain_text(html) == expected_text(nodes), html


@settings(max_examples=200, deadline=None)
@given(fragments)
def test_sanitizing_keeps_every_word_apart(nodes):
    html = "".join(_html(node) for node in nodes)
    clean = sanitize_html(html)
    assert plain_text(clean) == expected_text(nodes), (html, clean)
    assert sanitize_html(clean) == clean


def test_words_of_real_pages_stay_apart():
    assert plain_text("<p>the united states</p><p>It was</p>") == "the united states It was"
    assert plain_text("<ul><li>Girls</li><li>Gronk</li></ul>") == "Girls Gronk"
    assert plain_text("<table><tr><td>One</td><td>Two</td></tr></table>") == "One Two"
    assert plain_text("Line<br>break") == "Line break"
    assert plain_text("<b>W</b>ord and <a href='#'>li</a>nk") == "Word and link"
    assert plain_text("a<script>var x = '<p>';</script>b<style>p{}</style>") == "ab"
    assert plain_text("5 &lt; 6 &amp;&nbsp;7 <!-- note --> end") == "5 < 6 & 7 end"


def test_a_body_heading_one_keeps_its_words_as_a_heading_two():
    assert sanitize_html("<h1>Big news</h1>Body text") == "<h2>Big news</h2>Body text"
    assert sanitize_html('<section lang="fr"><h1>Titre</h1></section><article>Texte</article>') == (
        '<div lang="fr"><h2>Titre</h2></div><div>Texte</div>'
    )
    assert sanitize_html("<p>Name<input>Value</p>") == "<p>Name Value</p>"
