"""Numbers as agency copy writes them, normalised: "$3.4bn", "US$3,400 million" and
"3.4 billion dollars" are all 3,400,000,000 USD; "0.8 percent" and "0.8%" are 0.8 percent;
"three weeks" is 3 (weeks, read by the unit rule in extraction.py).

`find_numbers()` yields every figure in a sentence with its span, skipping what only looks
like one: years, days of a date, clock times, ordinals and parts of names ("COVID-19",
"F-16", "Resolution 2231", "a 45-year-old")."""

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCY_SYMBOLS = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rials": "IRR",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
}
SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}
# "m" and "b" mean million and billion only after a currency ("$500m"); "500m" alone is
# as likely metres.
CURRENCY_ONLY_SCALES = {"m", "b"}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent"}
POINTS = "percentage points"

UNITS_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "one" is left out on purpose: "one of the", "one day", "no one" are rarely figures.
_SMALL = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_ONES = "one|" + "|".join(w for w in UNITS_WORDS if UNITS_WORDS[w] < 10)
WORD_NUMBER = rf"(?:(?:{_TENS})-(?:{_ONES})|{_SMALL}|a dozen|dozen|a hundred|hundred)"

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SYMBOL = r"US\$|\$|€|£|¥|USD[ ]?|EUR[ ]?|GBP[ ]?"
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_CURRENCY_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

NUMBER = re.compile(
    rf"""
    (?<![\w\-/.,:$€£¥])                       # not inside a word, code or another number
    (?P<symbol>{_SYMBOL})?
    (?P<number>{_DIGITS}|(?i:{WORD_NUMBER})\b)
    (?:[ \u00a0]?(?P<scale>(?i:{_SCALE}))\b)?
    (?:[ \u00a0]?(?P<percent>%|(?i:per[ ]?cent|pct)\b|(?i:percentage[ ]points)\b))?
    (?:[ \u00a0](?P<currency>(?i:{_CURRENCY_WORD}))\b)?
    """,
    re.VERBOSE,
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
# Words before a number that make it a name or a reference, not a figure.
_NAMING_WORD = re.compile(
    r"\b(?:resolution|article|flight|route|chapter|section|no\.|number|page|room|gate|"
    r"platform|highway|district|block|unit|aged|age|paragraph|clause|annex|phase|"
    r"level|grade|category|square|street|road|avenue|building|terminal|pier|sector)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A normalised figure: `value` exactly, and its unit when the figure itself says it
    (a currency code, "percent", "percentage points"); other units are read after it."""

    value: Decimal
    unit: str = ""

    @property
    def display(self) -> str:
        return f"{format_value(self.value)} {self.unit}".strip()


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    quantity: Quantity


def format_value(value: Decimal) -> str:
    """12480 → "12,480"; 0.80 → "0.8"; 3.4e9 → "3,400,000,000"."""
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}"


def plain(value: Decimal) -> str:
    """3.4e9 → "3400000000"; 0.800 → "0.8": exact, without grouping or exponent."""
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def word_value(word: str) -> int:
    word = word.lower().removeprefix("a ")
    if word == "dozen":
        return 12
    if word == "hundred":
        return 100
    if "-" in word:
        tens, ones = word.split("-")
        return TENS_WORDS[tens] + (1 if ones == "one" else UNITS_WORDS[ones])
    return UNITS_WORDS.get(word) or TENS_WORDS[word]


def _quantity(match: re.Match) -> Quantity | None:
    number, symbol = match["number"], (match["symbol"] or "").strip().lower()
    scale = (match["scale"] or "").lower()
    if scale in CURRENCY_ONLY_SCALES and not (symbol or match["currency"]):
        return None
    if number[0].isdigit() or number[0] == ".":
        value = Decimal(number.replace(",", ""))
    else:
        value = Decimal(word_value(number))
    value *= SCALES.get(scale, 1)
    unit = ""
    if symbol:
        unit = CURRENCY_SYMBOLS[symbol]
    elif match["currency"]:
        unit = CURRENCY_WORDS[match["currency"].lower()]
    percent = (match["percent"] or "").lower()
    if percent:
        unit = POINTS if percent.startswith("percentage") else "percent"
    return Quantity(value.normalize(), unit)


def _is_name_or_date(text: str, match: re.Match) -> bool:
    start, end = match.span()
    after = text[end : end + 12]
    plain = not (match["symbol"] or match["scale"] or match["percent"] or match["currency"])
    number = match["number"]
    if plain and re.fullmatch(r"(?:19|20)\d\d", number):
        return True  # a year
    if re.match(r"[\w/]|-\w|:\d|\.\d|st\b|nd\b|rd\b|th\b", after):
        return True  # an ordinal, a code ("3G"), a compound ("45-year-old"), a clock time
    if plain and (_MONTH_BEFORE.search(text[:start]) or _MONTH_AFTER.match(after)):
        return True  # "March 4", "4 March"
    return bool(plain and _NAMING_WORD.search(text[max(0, start - 20) : start]))


def find_numbers(text: str):
    """Every figure in `text`, in order."""
    for match in NUMBER.finditer(text):
        if _is_name_or_date(text, match):
            continue
        quantity = _quantity(match)
        if quantity is not None:
            yield NumberMention(match.start(), match.end(), match.group().strip(), quantity)


def normalise(text: str) -> Quantity | None:
    """The quantity of a text that is one figure ("$3.4bn"), or None."""
    for mention in find_numbers(text.strip()):
        return mention.quantity
    return None
