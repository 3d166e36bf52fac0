"""A story's terms, as the related-stories index keeps them.

Words of the headline, standfirst and text (the headline counts most), names (runs of
capitalised words inside a sentence, such as "Central Bank", kept as one term), and the
story's tags and section as terms of their own. Weights are TF-IDF: a word most stories
use says little about what one is about.
"""

import math
import re
from collections import Counter

from newsdesk.content.text import plain_text

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]+)*)")
KEEP = 40  # terms per story: enough to find it, few enough to look up cheaply
FIELD_WEIGHTS = {"headline": 3.0, "standfirst": 2.0, "body": 1.0}
NAME_WEIGHT = 2.0
TAG_WEIGHT = 4.0
SECTION_WEIGHT = 1.5
MAX_TERM = 64
_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be
    because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according one two three new also year years
    last first week day days time since still back mr mrs ms monday tuesday wednesday thursday
    friday saturday sunday per cent percent like made make many much well may might must"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _words(text: str) -> list[str]:
    words = (w.lower() for w in WORD.findall(text))
    return [w for w in words if len(w) > 2 and w not in STOPWORDS]


def _names(text: str) -> list[str]:
    return [
        "name:" + " ".join(name.lower().split())
        for name in NAME.findall(text)
        if " " in name  # single capitalised words are counted as words already
    ]


def raw_counts(headline: str, standfirst: str, body_html: str, tag_ids, section_id) -> Counter:
    """Weighted term frequencies of one story (before IDF)."""
    counts: Counter = Counter()
    fields = {"headline": headline, "standfirst": standfirst, "body": plain_text(body_html)}
    for field, text in fields.items():
        weight = FIELD_WEIGHTS[field]
        for word in _words(text):
            counts[word] += weight
        for name in _names(text):
            counts[name[:MAX_TERM]] += weight * NAME_WEIGHT
    frequencies = Counter({term: 1 + math.log(n) for term, n in counts.items() if n > 0})
    for tag_id in tag_ids if TAG_WEIGHT else ():
        frequencies[f"tag:{tag_id}"] = TAG_WEIGHT
    if section_id and SECTION_WEIGHT:
        frequencies[f"section:{section_id}"] = SECTION_WEIGHT
    return frequencies


def weigh(frequencies: Counter, document_frequency: dict, documents: int) -> dict[str, float]:
    """The `KEEP` heaviest terms by TF-IDF, as a unit vector."""
    weights = {
        term: tf * math.log((documents + 1) / (document_frequency.get(term, 0) + 1)) + tf * 0.01
        for term, tf in frequencies.items()
    }
    kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:KEEP]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {term: w / norm for term, w in kept}
