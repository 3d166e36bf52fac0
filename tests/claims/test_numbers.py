"""Figures as agency copy writes them, normalised: any way of writing the same quantity
gives the same value and unit."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsdesk.claims.numbers import find_numbers, format_value, normalise


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("12,480", "12480", ""),
        ("$3.4bn", "3400000000", "USD"),
        ("US$3,400 million", "3400000000", "USD"),
        ("3.4 billion dollars", "3400000000", "USD"),
        ("USD 3.4 billion", "3400000000", "USD"),
        ("€5bn", "5000000000", "EUR"),
        ("2.1 million", "2100000", ""),
        ("0.8 percent", "0.8", "percent"),
        ("0.8 per cent", "0.8", "percent"),
        ("0.8%", "0.8", "percent"),
        ("0.3 percentage points", "0.3", "percentage points"),
        ("three", "3", ""),
        ("Twenty-five", "25", ""),
        ("1.8 trillion yen", "1800000000000", "JPY"),
        ("$500m", "500000000", "USD"),
    ],
)
def test_figures_normalise(text, value, unit):
    quantity = normalise(text)
    assert (quantity.value, quantity.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "in 2024",
        "on March 4",
        "on 4 March",
        "at 10:30",
        "the 3rd round",
        "COVID-19",
        "F-16 jets",
        "a 45-year-old man",
        "Resolution 2231",
        "500m of road",  # metres, not millions: "m" is a million only after a currency
        "one of the",
    ],
)
def test_what_only_looks_like_a_figure_is_not_one(text):
    assert list(find_numbers(text)) == []


def test_values_display_grouped_without_trailing_zeros():
    assert format_value(Decimal("3400000000.000000")) == "3,400,000,000"
    assert format_value(Decimal("0.800000")) == "0.8"
    assert normalise("$3.4bn").display == "3,400,000,000 USD"


SCALE_WORDS = {10**3: ["thousand"], 10**6: ["million", "mln"], 10**9: ["billion", "bn"]}
CURRENCIES = {
    "USD": (["$", "US$", "USD "], ["dollars"]),
    "EUR": (["€", "EUR "], ["euros"]),
    "GBP": (["£"], ["pounds"]),
    "": ([""], []),
}


@st.composite
def written_quantities(draw):
    """One quantity (digits × scale, a currency or none) and two ways of writing it."""
    mantissa = draw(st.integers(min_value=1, max_value=999_999))
    decimals = draw(st.integers(min_value=0, max_value=2))
    scale = draw(st.sampled_from([1, 10**3, 10**6, 10**9]))
    currency = draw(st.sampled_from(list(CURRENCIES)))
    value = Decimal(mantissa).scaleb(-decimals) * scale
    # A bare whole number from 1900 to 2099 reads as a year, not a figure (tested below).
    assume(currency or not (1900 <= value <= 2099 and value == value.to_integral_value()))
    return value, currency, draw(_writing(value, currency)), draw(_writing(value, currency))


@st.composite
def _writing(draw, value, currency):
    symbols, words = CURRENCIES[currency]
    scales = [s for s in SCALE_WORDS if value % s == 0 and value // s >= 1] + [1]
    scale = draw(st.sampled_from(scales))
    mantissa = (value / scale).normalize()
    digits = format_value(mantissa) if draw(st.booleans()) else f"{mantissa:f}"
    scale_word = draw(st.sampled_from(SCALE_WORDS[scale])) if scale > 1 else ""
    # Whole words take a space; abbreviations may ("3.4 bn") or may not ("3.4bn").
    spaced = f" {scale_word}" if len(scale_word) > 3 or draw(st.booleans()) else scale_word
    spaced = spaced if scale_word else ""
    if currency and words and draw(st.booleans()):
        return f"{digits}{spaced} {draw(st.sampled_from(words))}"
    return f"{draw(st.sampled_from(symbols))}{digits}{spaced}"


@given(written_quantities())
def test_any_writing_of_a_quantity_normalises_the_same(case):
    value, currency, first, second = case
    a, b = normalise(first), normalise(second)
    assert a is not None and b is not None, (first, second)
    assert (a.value, a.unit) == (b.value, b.unit) == (value.normalize(), currency), (first, second)


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_grouped_and_plain_digits_are_the_same_number(number, percent):
    suffix = " percent" if percent else ""
    plain = normalise(f"{number}{suffix}")
    if plain is None:  # a plain four-digit year is not a figure, with or without commas
        assert 1900 <= number <= 2099 and not percent
        return
    assert plain == normalise(f"{number:,}{suffix}")
