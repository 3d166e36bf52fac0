"""Bodies are cut to the stretch a snippet can come from before ts_headline reads them
(backends/snippet_window.py): on real articles, in several languages, the snippet made
from the stretch is the snippet made from the whole body, and a body with no match gives
no marked snippet either way (the page then shows the standfirst's)."""

from pathlib import Path

import pytest
from django.db import connection

from newsdesk.search.backends.base import MARK_START
from newsdesk.search.backends.documents import index_html
from newsdesk.search.backends.postgres import SNIPPET, PostgresBackend
from newsdesk.search.backends.postgres_index import CONFIG
from newsdesk.search.backends.snippet_window import body_window
from newsdesk.search.query import parse_query, pieces

PAGES = Path(__file__).resolve().parents[2].parent / "shared/corpora/readability-test-pages"


def articles() -> list[str]:
    if not PAGES.is_dir():
        pytest.skip(f"no corpus of real pages at {PAGES}")
    pages = sorted(PAGES.glob("*/expected.html"))[::3]  # a third of them: enough, and quick
    texts = [index_html(page.read_text("utf-8")) for page in pages]
    return [text for text in texts if len(pieces(text)) > 300]


def queries(text: str) -> list[tuple[str, bool]]:
    """Words of the article found once, and often, alone and as alternatives, and a word
    it does not hold; each with whether it is a word found once."""
    words = [word for word in pieces(text) if len(word) > 3]
    counts = {word: words.count(word) for word in words}
    often = sorted(counts, key=counts.get)[-3:]
    once = [word for word in words if counts[word] == 1] or often
    rare = once[:: max(1, len(once) // 3)][:3]
    return [
        *[(word, counts[word] == 1) for word in rare],
        *[(word, False) for word in [*often, "zyzzyvas"]],
        (f"{once[0]} OR {once[-1]}", False),
        (f"{often[0]} OR {once[len(once) // 2]}", False),
    ]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_headline is PostgreSQL's")
def test_a_snippet_from_the_cut_body_is_the_snippet_from_the_whole_body():
    backend, compared, marked, sent, whole = PostgresBackend(), 0, 0, 0, 0
    with connection.cursor() as cursor:
        for text in articles():
            for q, found_once in queries(text):
                query = parse_query(q)
                window = body_window(text, query)
                tsquery, params = backend._tsquery(query)
                cursor.execute(
                    f"SELECT ts_headline('{CONFIG}', %s, q, %s), "
                    f"ts_headline('{CONFIG}', %s, q, %s) FROM (SELECT {tsquery} AS q) AS q",
                    [text, SNIPPET, window, SNIPPET, *params],
                )
                from_whole, from_window = cursor.fetchone()
                if MARK_START in from_whole:
                    assert from_window == from_whole, (q, text[:80])
                    marked += 1
                else:  # no match in the body: the page shows the standfirst's snippet
                    assert MARK_START not in from_window, (q, text[:80])
                compared += 1
                if found_once:
                    sent, whole = sent + len(window), whole + len(text)
    assert compared > 100 and marked > compared / 2
    # For a word an article holds once, about half of its text is no longer sent (and
    # parsed): three first letters are a wide net in English.
    assert sent < 0.6 * whole


def test_phrases_and_several_words_are_sent_whole():
    text = "The harbour was calm. " * 200 + "A storm came in at night."
    assert body_window(text, parse_query('"storm came"')) == text
    assert body_window(text, parse_query("storm harbour")) == text
    assert body_window(text, parse_query("lighthouse")) == text  # no possible match
    short = "The harbour was calm. A storm came in at night."
    assert body_window(short, parse_query("storm")) == short  # too short to be worth it
    cut = body_window(text, parse_query("storm"))
    assert cut.endswith("A storm came in at night.") and len(cut) < len(text) / 10


def test_accented_and_capitalised_spellings_are_possible_matches():
    text = "Filler words. " * 100 + "The CAFÉ opened. " + "Filler words. " * 100
    for q in ("cafe", "café", "Cafés"):
        cut = body_window(text, parse_query(q))
        assert "CAFÉ opened" in cut and len(cut) < len(text) / 2


def test_a_word_found_inside_itself_is_found_where_it_starts():
    # "ana" is found last inside "anana", a word that starts with it too.
    text = "Filler words. " * 100 + "The anana grew. " + "Filler words. " * 100
    cut = body_window(text, parse_query("ananas"))
    assert "The anana grew" in cut and len(cut) < len(text) / 2
