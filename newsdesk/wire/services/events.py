"""Do two pieces of copy report the same event? Agencies rewrite one another's copy
("told IRNA", "officials told Reuters"), so the words differ where near-duplicate
detection (dedupe.py) needs them equal; what stays are the names, the numbers, the day and
the topic's words. A copy's signature keeps those:

- `words`: its content words (no stop words; English plurals folded), for copies in one
  language;
- `keys`: names (capitalised English words, the lexicon's places, people and bodies in
  either language), numbers normalised ("1,200", "۱٬۲۰۰", "1.2 thousand" → 1200;
  Persian and Arabic digits read), weekdays: what a translated copy still shares.

Copies in one script are compared by weighted Jaccard (keys weigh more than words);
copies in different scripts by how many keys they share. Thresholds and figures on the
labelled set: bench/same_event.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.wire.services.event_lexicon import CANONICAL, SCALES

KEY_WEIGHT = 3.0
SAME_SCRIPT_THRESHOLD = 0.28
CROSS_SCRIPT_MIN_KEYS = 4
CROSS_SCRIPT_THRESHOLD = 0.5
# The words read: headline and the opening of the body, where agencies put the facts.
OPENING_WORDS = 120

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "01234567890123456789.,")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[\u200c'’][^\W\d_]+)*", re.UNICODE)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_STOP = (
    """a about after against all also an and any are as at be been before being but by
    can could did do does for from had has have he her his how i if in into is it its
    last more most new no not of on one or our out over said says she so some such than
    that the their them then there these they this to told two up was we were what when
    which while who will with would year years percent per according reported report
    reports officials official news agency state media told week day days
    و در به از که این را با است برای آن یک تا بر شد شده می ها های هم نیز گفت روز
    خود پس کرد کند اعلام سال"""
    # Who reported it is not what happened: agencies' names say nothing of the event.
    """ irna isna reuters afp ap tasnim mehr fars bloomberg shana jazeera
    ایرنا ایسنا تسنیم مهر فارس شانا"""
)
STOP_WORDS = frozenset(re.split(r"\s+", _STOP.strip()))


@dataclass(frozen=True)
class Signature:
    words: frozenset[str]
    keys: frozenset[str]
    script: str  # "arabic" (Persian, Arabic) or "latin"


def _number(text: str) -> float | None:
    cleaned = text.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text) else text
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _number_key(value: float) -> str | None:
    """A number worth matching on: not a lone small integer (2-1, "two" days)."""
    if value == int(value) and value < 10:
        return None
    return f"#{value:g}"


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in '.!?:;—"“'


def signature(headline: str, text: str) -> Signature:
    raw = f"{headline} {text}".translate(_DIGITS)
    matches = list(_TOKEN.finditer(raw))[: OPENING_WORDS + 30]
    tokens = [match.group() for match in matches]
    # A capitalised word opening a sentence is no name ("Rescue teams were sent").
    opening = {n for n, match in enumerate(matches) if _opens_sentence(raw, match.start())}
    words, keys = set(), set()
    previous_number = None
    for n, token in enumerate(tokens):
        if token[0].isdigit():
            previous_number = _number(token)
            if previous_number is not None and (key := _number_key(previous_number)):
                keys.add(key)
            continue
        lower = token.lower()
        scaled = previous_number * SCALES[lower] if previous_number and lower in SCALES else None
        if scaled is not None and (key := _number_key(scaled)):
            keys.add(key)
        previous_number = None
        if lower in STOP_WORDS or len(lower) < 3:
            continue
        canonical = CANONICAL.get(lower)
        if canonical is None and lower.endswith("s") and not lower.endswith("ss"):
            canonical = CANONICAL.get(lower[:-1])
        if canonical is not None:
            keys.add(canonical)
        elif token[0].isupper() and n not in opening:
            keys.add(lower)  # a name, in English: a capitalised word within a sentence
        words.add(lower[:-1] if lower.endswith("s") and len(lower) > 4 else lower)
    script = "arabic" if len(_ARABIC_SCRIPT.findall(raw)) > len(raw) / 4 else "latin"
    return Signature(frozenset(words), frozenset(keys), script)


def similarity(a: Signature, b: Signature) -> float:
    if a.script == b.script:
        shared_keys, all_keys = len(a.keys & b.keys), len(a.keys | b.keys)
        shared_words, all_words = len(a.words & b.words), len(a.words | b.words)
        union = KEY_WEIGHT * all_keys + all_words
        return (KEY_WEIGHT * shared_keys + shared_words) / union if union else 0.0
    shared = len(a.keys & b.keys)
    if shared < CROSS_SCRIPT_MIN_KEYS:
        return 0.0
    return shared / min(len(a.keys), len(b.keys))


def same_event(a: Signature, b: Signature) -> bool:
    threshold = SAME_SCRIPT_THRESHOLD if a.script == b.script else CROSS_SCRIPT_THRESHOLD
    return similarity(a, b) >= threshold
