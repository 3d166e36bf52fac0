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
from functools import lru_cache

from newsdesk.search.query import Query

# The longest fragment of a snippet, in words (ts_headline's MaxWords).
MAX_WORDS = 35
# Words kept on either side of the matches: more than MAX_WORDS, counted in pieces of
# letters and digits, never fewer than the words ts_headline counts in the same text.
MARGIN_WORDS = MAX_WORDS + 5
# Letters compared at the start of a word.
KEY_LETTERS = 3
# Stems whose first letters differ from the word's (the English stemmer's exceptions).
_OTHER_SPELLINGS = {"die": "dyi", "lie": "lyi", "tie": "tyi"}
_OTHER_SPELLINGS.update({other: key for key, other in _OTHER_SPELLINGS.items()})
_PIECE = re.compile(r"[^\W_]+")


def _accented_forms() -> dict[str, str]:
    """Each letter with the accented letters unaccent reads as it."""
    forms: dict[str, set[str]] = {}
    for block in (range(0xC0, 0x250), range(0x370, 0x500), range(0x1E00, 0x2000)):
        for code in block:
            letter = chr(code)
            parts = unicodedata.normalize("NFD", letter)
            if len(parts) > 1 and all(unicodedata.combining(mark) for mark in parts[1:]):
                forms.setdefault(parts[0].lower(), set()).update({letter, letter.lower()})
    return {base: "".join(sorted(letters)) for base, letters in forms.items()}


_ACCENTED = _accented_forms()


def _key_pattern(key: str) -> str:
    return "".join(
        f"[{re.escape(letter)}{re.escape(_ACCENTED[letter])}]"
        if letter in _ACCENTED
        else re.escape(letter)
        for letter in key
    )


@lru_cache(maxsize=256)
def _starts(words: tuple[str, ...]) -> re.Pattern:
    keys = {word.lower()[:KEY_LETTERS] for word in words}
    keys |= {_OTHER_SPELLINGS[key] for key in keys if key in _OTHER_SPELLINGS}
    alternatives = "|".join(_key_pattern(key) for key in sorted(keys))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)


def windowed(query: Query) -> bool:
    """Whether bodies can be cut for this query: one group of single words."""
    return len(query.groups) == 1 and all(len(term.words) == 1 for term in query.groups[0])


def body_window(text: str, query: Query) -> str:
    """The stretch of `text` (a body as indexed) that holds every fragment ts_headline can
    make of it for `query`; `text` itself when it cannot be cut."""
    if not windowed(query):
        return text
    starts = [match.start() for match in _starts(tuple(query.words)).finditer(text)]
    if not starts:
        return text
    return text[_words_back(text, starts[0]) : _words_on(text, starts[-1])]


def _words_back(text: str, position: int) -> int:
    """Where the MARGIN_WORDS words before `position` begin (0 if there are fewer)."""
    reach = 16 * MARGIN_WORDS
    while True:
        low = max(0, position - reach)
        found = [match.start() for match in _PIECE.finditer(text, low, position)]
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
        found = [match.end() for match in _PIECE.finditer(text, position, high)]
        # The last piece found may be the start of a word cut at `high`: it is not counted.
        if len(found) > MARGIN_WORDS + 1:
            return found[MARGIN_WORDS]
        if high == len(text):
            return high
        reach *= 4
