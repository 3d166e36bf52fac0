"""Sentences of agency copy. A full stop ends a sentence only when a capital letter, a
digit or an opening quote follows after a space, and the word before it is not an
abbreviation: "U.S. officials", "Mr. Smith", "3.4 percent" and "Jan. 5" stay whole.

Written by hand rather than taken from a library: the splitters on the package index are
slow (pysbd reads a story in milliseconds) or unmaintained, and agency English needs only
these rules."""

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "st", "sr", "jr", "no", "nos", "vs", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "dept", "univ", "fig", "e.g", "i.e", "etc", "a.m", "p.m",
}  # fmt: skip
# A candidate end: ., ! or ?, maybe a closing quote or bracket, then space, then something
# that can start a sentence.
_END = re.compile(r"""[.!?]['"’”)\]]*\s+(?=['"‘“(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]['\"’”)\]]*\s*$")


def _is_abbreviation(before: str) -> bool:
    match = _LAST_WORD.search(before)
    if not match:
        return False
    word = match[1].lower()
    if word in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "U.N.", "E.U."
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


# Longer runs (a list or a table flattened to text) are cut at a space: the rules that read
# a sentence look back and forth within it, and must not cost its length squared.
MAX_SENTENCE = 600


def _pieces(start: int, sentence: str):
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        yield start, sentence[:cut].strip()
        start, sentence = start + cut, sentence[cut:]
    if sentence.strip():
        yield start, sentence.strip()


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of plain text."""
    sentences, start = [], 0
    for match in _END.finditer(text):
        end = match.end()
        word_start = max(start, match.start() - 40)  # the word before the full stop
        if text[match.start()] == "." and _is_abbreviation(text[word_start : match.start() + 1]):
            continue
        sentences.extend(_pieces(start, text[start:end]))
        start = end
    sentences.extend(_pieces(start, text[start:]))
    return sentences
