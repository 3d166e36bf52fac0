"""The claims of a story's text: every figure with what it counts, who gave it, when, and
the sentence it came from. Plain rules over plain text (numbers.py, attribution.py,
dates.py, sentences.py): no model, nothing fetched, fast enough to run on every change."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from newsdesk.claims import attribution, dates, numbers
from newsdesk.claims.sentences import split_sentences

MAX_UNIT_WORDS = 4


def _words(text: str) -> frozenset:
    return frozenset(text.split())


# Words that end what a figure counts: "12,480 troops were deployed", "3 percent in May".
STOP_WORDS = _words(
    """a an the and or but nor so than then that this these those which who whom whose what
    as at by for from in into of on onto over under up down out off to with within without
    about above across after against along amid among around before behind below beneath
    beside between beyond during except inside near since through throughout toward towards
    until upon via per is are was were be been being am have has had do does did will would
    shall should can could may might must said says say told tells reported according
    including compared while when where if because although though whereas also already
    still now only just even ago last next each every it its they their them he his she her
    we our us i my you your more most less least some any all both either neither no not
    such there here how why yet far again another other overnight today yesterday tonight
    annually daily weekly monthly respectively altogether apiece"""
)
# Verbs that are not written with -ed: "22 million ballots cast", "80,000 people took part".
IRREGULAR_VERBS = _words(
    """took take takes made make makes gave give went go goes came come comes fell fall
    rose rise left lost won got held kept ran saw set put hit cut paid spent sold fled
    cast fought flew grew brought bought built caught met sent stood began become became
    remain remains need needs face faces live lives died die"""
)
# Measures that take "of": "2 million tonnes of wheat", "12,000 barrels of oil".
MEASURES = _words(
    """tonnes tons barrels litres liters gallons cubic hectares acres kilograms kg pounds
    ounces bags boxes doses rounds units pieces sacks trucks truckloads containers"""
)
LEADING_SKIP = {"more", "additional", "further", "extra", "other"}
RATE = re.compile(
    r"^\s+(?:a|an|per)\s+(?:day|week|month|year|hour|minute|second|capita|head|person)\b"
)
_WORD = re.compile(r"^\s+([A-Za-z][A-Za-z'’-]*)")


@dataclass
class Found:
    position: int  # the figure's offset in the story's plain text
    quote: str  # the figure as written ("$3.4bn")
    value: Decimal
    unit: str
    speaker: str
    outlet: str
    said_on: date | None
    sentence: str
    key: str = ""  # the figure and its occurrence, to match it again after an edit

    @property
    def display(self) -> str:
        return numbers.Quantity(self.value, self.unit).display


def read_unit(after: str, quantity: numbers.Quantity) -> str:
    """What a figure counts, from the words after it: "troops", "sq km", "barrels a day"."""
    if quantity.unit:
        return quantity.unit
    words, rest = [], after
    while len(words) < MAX_UNIT_WORDS:
        rate = RATE.match(rest)
        if words and rate:
            words.append(rate.group().strip())
            break
        match = _WORD.match(rest)
        if not match:
            break
        word, lower = match[1], match[1].lower()
        if lower == "of" and words and words[-1].lower() in MEASURES:
            words.append("of")
            rest = rest[match.end() :]
            continue
        if lower in STOP_WORDS or lower in IRREGULAR_VERBS or (lower in LEADING_SKIP and not words):
            if lower in LEADING_SKIP:
                rest = rest[match.end() :]
                continue
            break
        if lower.endswith(("ed", "ing")) and (words or not _WORD.match(rest[match.end() :])):
            break  # a verb: "340 killed", "troops arriving"
        words.append(word)
        rest = rest[match.end() :]
    while words and words[-1] == "of":
        words.pop()
    return " ".join(words)


def _said_on(cue, sentence_dates) -> date | None:
    for start, _, when in sentence_dates:
        if cue.speaker_span[0] <= start <= cue.anchor or 0 <= start - cue.end <= 25:
            return when
    return None


def _unbalanced_quote(sentence: str) -> bool:
    return (sentence.count('"') % 2 == 1) or sentence.count("“") > sentence.count("”")


def extract(text: str, published: date | None = None) -> list[Found]:
    """Every claim in `text` (plain text), in order."""
    found: list[Found] = []
    seen: dict[str, int] = {}
    last_speaker = ("", "")
    sentences = split_sentences(text)
    cues_of = [attribution.find_cues(sentence) for _, sentence in sentences]
    for index, (offset, sentence) in enumerate(sentences):
        cues = cues_of[index]
        if not cues and _unbalanced_quote(sentence) and index + 1 < len(sentences):
            # A quotation running on into the next sentence, attributed there.
            cues = [
                attribution.Cue(len(sentence), len(sentence), c.speaker, c.outlet)
                for c in cues_of[index + 1]
            ]
        for cue in cues:
            if cue.speaker.lower() in attribution.PRONOUNS:
                cue.speaker = last_speaker[0]
                cue.outlet = cue.outlet or last_speaker[1]
            elif cue.speaker:
                last_speaker = (cue.speaker, cue.outlet)
        sentence_dates = list(dates.find_dates(sentence, published))
        for mention in numbers.find_numbers(sentence):
            if any(c.speaker_span[0] <= mention.start < c.speaker_span[1] for c in cues):
                continue  # "two officials told Reuters": part of who speaks
            cue = attribution.nearest(cues, mention.start)
            occurrence = seen.get(mention.text, 0)
            seen[mention.text] = occurrence + 1
            found.append(
                Found(
                    position=offset + mention.start,
                    quote=mention.text,
                    value=mention.quantity.value,
                    unit=read_unit(sentence[mention.end :], mention.quantity),
                    speaker=cue.speaker if cue else "",
                    outlet=cue.outlet if cue else "",
                    said_on=_said_on(cue, sentence_dates) if cue else None,
                    sentence=sentence,
                    key=f"{mention.text}#{occurrence}",
                )
            )
    return found
