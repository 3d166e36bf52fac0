"""The stretch of a story's body that PostgreSQL's ts_headline needs to read for a snippet.

ts_headline runs every word of the text it is given through the text search dictionaries
(unaccent, the stemmer): on a page of ten stories that was most of the search's work in
PostgreSQL, and it grows with the length of the bodies. For a query of single words in one
group (a word, or words joined by OR), a snippet is made of fragments around the body's
matches, each at most MaxWords long; so only the words from MaxWords before the first match
to MaxWords after the last can be shown, and the rest is cut before the text is sent.

Where the matches are is found here, without the dictionaries, by the first letters of each
word looked for (stemming changes a word's ending, unaccent its accents): a wider net than
the index's. A word that merely starts alike only widens the stretch. A body with no
possible match, and every other kind of query, is sent whole. (A body whose possible
matches are none of them real gives no marked snippet, cut or not: the page then shows the
standfirst's.)
"""

import re
import unicodedata

from newsdesk.search.query import PIECE, Query

# The longest fragment of a snippet, in words (ts_headline's MaxWords).
MAX_WORDS = 35
# Words kept on either side of the matches: more than MAX_WORDS, counted in pieces of
# letters and digits, never fewer than the words ts_headline counts in the same text.
MARGIN_WORDS = MAX_WORDS + 5
# Shorter bodies are sent whole: the stretch kept around a single match is about 500
# characters, and finding it costs Python about a fifth of what it saves PostgreSQL.
MIN_CHARS = 2000
# Letters compared at the start of a word.
KEY_LETTERS = 3
# Stems whose first letters differ from the word's (the English stemmer's exceptions).
_OTHER_SPELLINGS = {"die": "dyi", "lie": "lyi", "tie": "tyi"}
_OTHER_SPELLINGS.update({other: key for key, other in _OTHER_SPELLINGS.items()})


def _unaccented() -> dict[int, int]:
    """Accented letters (as unaccent reads them) to their plain letter, one for one."""
    plain = {}
    for block in (range(0xC0, 0x250), range(0x370, 0x500), range(0x1E00, 0x2000)):
        for code in block:
            parts = unicodedata.normalize("NFD", chr(code))
            if len(parts) > 1 and all(unicodedata.combining(mark) for mark in parts[1:]):
                plain[code] = ord(parts[0])
    return plain


_UNACCENTED = _unaccented()
_ACCENTED = re.compile(f"[{''.join(map(chr, _UNACCENTED))}]")


def _comparable(text: str) -> str | None:
    """`text` in lower case, letter for letter (every match at the same offset), or None
    when it cannot be had letter for letter."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _keys(query: Query) -> set[str]:
    keys = {word.lower()[:KEY_LETTERS].translate(_UNACCENTED) for word in query.words}
    return keys | {_OTHER_SPELLINGS[key] for key in keys if key in _OTHER_SPELLINGS}


def _accented_starts(text: str, keys: set[str]) -> list[int]:
    """Where words spelt with accents among their first letters, which unaccent reads as
    plain letters, start with one of `keys`: few, so looked at one by one."""
    starts = []
    for match in _ACCENTED.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < KEY_LETTERS - 1 and text[start - 1].isalnum():
            start -= 1
        key = text[start : start + KEY_LETTERS].translate(_UNACCENTED)
        if _starts_word(text, start) and key in keys:
            starts.append(start)
    return starts


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def _first_start(text: str, key: str) -> int | None:
    at = text.find(key)
    while at >= 0 and not _starts_word(text, at):
        at = text.find(key, at + 1)
    return None if at < 0 else at


def _last_start(text: str, key: str) -> int | None:
    at = text.rfind(key)
    while at >= 0 and not _starts_word(text, at):
        at = text.rfind(key, 0, at + len(key) - 1)  # one starting before `at`
    return None if at < 0 else at


def windowed(query: Query) -> bool:
    """Whether bodies can be cut for this query: one group of single words."""
    return len(query.groups) == 1 and all(len(term.words) == 1 for term in query.groups[0])


def body_window(text: str, query: Query) -> str:
    """The stretch of `text` (a body as indexed) that holds every fragment ts_headline can
    make of it for `query`; `text` itself when it cannot be cut."""
    if len(text) < MIN_CHARS or not windowed(query):
        return text
    comparable = _comparable(text)
    if comparable is None:
        return text
    keys = _keys(query)
    found = [at for key in keys if (at := _first_start(comparable, key)) is not None]
    found += [at for key in keys if (at := _last_start(comparable, key)) is not None]
    found += _accented_starts(comparable, keys)
    if not found:
        return text
    return text[_words_back(text, min(found)) : _words_on(text, max(found))]


def _words_back(text: str, position: int) -> int:
    """Where the MARGIN_WORDS words before `position` begin (0 if there are fewer)."""
    reach = 16 * MARGIN_WORDS
    while True:
        low = max(0, position - reach)
        found = [match.start() for match in PIECE.finditer(text, low, position)]
        # The first piece found may be the end of a word cut at `low`: it is not counted.
        if len(found) > MARGIN_WORDS:
            return found[-MARGIN_WORDS]
        if low == 0:
            return 0
        reach *= 4


def _words_on(text: str, position: int) -> int:
    """Where the MARGIN_WORDS words after the word at `position` end (the text's end if
    there are fewer)."""
    reach = 16 * MARGIN_WORDS
    while True:
        high = min(len(text), position + reach)
        found = [match.end() for match in PIECE.finditer(text, position, high)]
        # The last piece found may be the start of a word cut at `high`: it is not counted.
        if len(found) > MARGIN_WORDS + 1:
            return found[MARGIN_WORDS]
        if high == len(text):
            return high
        reach *= 4
