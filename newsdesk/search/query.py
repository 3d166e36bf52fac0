"""What a reader typed, parsed once into a small query tree every backend can render.

The syntax people know from web search: words (all must match), "exact phrases",
`-excluded` words or phrases, and `OR` between two items. `OR` binds tighter than the
implied AND, as in web search: `tehran oil OR gas` means tehran AND (oil OR gas).

Every term is reduced to word pieces (letters and digits only) before a backend sees it, so
no operator or quote of the engine's own syntax can come from the reader: any string is a
valid query or an empty one, never an error.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 256
# Enough for any real query; keeps the SQL we build bounded whatever is pasted in.
MAX_TERMS = 24

# Arabic short vowels and marks, Quranic marks and the tatweel: written only sometimes,
# so they are removed from both the index and the query, as is the zero-width non-joiner
# (Persian "می‌روم" is as often typed "میروم"). Letters written in more than one form are
# folded to one: Arabic kaf and yeh (and alef maksura) to their Persian forms, so a Persian
# reader finds copy typed on an Arabic keyboard and back; alef with hamza to alef; teh
# marbuta and heh with yeh to heh; Persian and Arabic-Indic digits to 0–9.
_ARABIC_MARKS = "".join(
    chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640]
) + "".join(chr(c) for c in range(0x06D6, 0x06EE))
DROPPED = _ARABIC_MARKS + "\u200c"
LETTER_FORMS = {
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "أ": "ا",
    "إ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ۀ": "ه",
    **{chr(0x06F0 + n): str(n) for n in range(10)},
    **{chr(0x0660 + n): str(n) for n in range(10)},
}
_FOLD_TABLE = str.maketrans({**dict.fromkeys(DROPPED), **LETTER_FORMS})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# A word piece: letters and digits.
PIECE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The one normalisation applied to indexed text and to queries alike."""
    text = unicodedata.normalize("NFC", text or "")
    return _CONTROL.sub(" ", text.translate(_FOLD_TABLE))


def pieces(text: str) -> tuple[str, ...]:
    return tuple(PIECE.findall(fold(text)))


@dataclass(frozen=True)
class Term:
    """One word or an exact phrase, as word pieces: ("oil",) or ("supreme", "leader")."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class Query:
    """AND over `groups`; each group is an OR of terms; `excluded` terms must not match."""

    text: str = ""
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: a query of only exclusions or punctuation runs nothing."""
        return not self.groups

    @property
    def words(self) -> list[str]:
        return [word for group in self.groups for term in group for word in term.words]


def clean_query_text(raw) -> str:
    """Cut to MAX_QUERY_LENGTH characters, control characters removed, spaces collapsed."""
    text = _CONTROL.sub(" ", str(raw or ""))[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


def parse_query(raw) -> Query:
    text = clean_query_text(raw)
    query = Query(text=text)
    join_next = False
    count = 0
    for match in _TOKEN.finditer(text):
        negate, phrase, word = match.groups()
        if word == "OR" or word == "|":
            join_next = bool(query.groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negate, word = "-", word[1:]
        term = Term(pieces(phrase if word is None else word))
        if not term.words or count >= MAX_TERMS:
            continue
        count += 1
        if negate:
            query.excluded.append(term)
        elif join_next:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        join_next = False
    return query
