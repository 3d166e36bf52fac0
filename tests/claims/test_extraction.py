"""Claims read from agency copy: the figure, what it counts, who gave it, through which
outlet, when, and the sentence."""

from datetime import date
from decimal import Decimal

from newsdesk.claims.extraction import extract
from newsdesk.claims.sentences import split_sentences

MONDAY = date(2026, 3, 9)


def only(text, published=MONDAY):
    (claim,) = extract(text, published)
    return claim


def test_a_claim_has_its_number_unit_speaker_date_and_sentence():
    text = (
        "The war has displaced 12,480 people. Strikes killed at least 340 people in three "
        "days, the Health Ministry said on Saturday."
    )
    first, second, third = extract(text, MONDAY)
    assert (first.value, first.unit, first.speaker) == (Decimal(12480), "people", "")
    assert (second.value, second.unit, second.speaker) == (340, "people", "Health Ministry")
    assert second.said_on == date(2026, 3, 7)
    assert second.sentence.startswith("Strikes killed") and second.quote == "340"
    assert (third.value, third.unit) == (3, "days")


def test_speakers_and_outlets_as_agencies_write_them():
    cases = {
        "Iran holds 128 kg of uranium, diplomatic sources told Reuters.": (
            "diplomatic sources",
            "Reuters",
        ),
        "Exports reached 2.1 million barrels a day, according to a report from IRNA.": (
            "IRNA",
            "",
        ),
        "Ali Rezaei, a ministry spokesman, was quoted by ISNA as saying 18 people died.": (
            "Ali Rezaei",
            "ISNA",
        ),
        "The ministry said in a statement carried by IRNA that 52 fires burned.": (
            "ministry",
            "IRNA",
        ),
        "Prices rose 0.8 percent in March, said the statistics office.": (
            "statistics office",
            "",
        ),
        "The army said 17 rebels were killed, Xinhua reported.": ("army", "Xinhua"),
        "Two officials told Levant Newswire that 12 tankers sailed.": (
            "Two officials",
            "Levant Newswire",
        ),
        "The premier told Parliament that 40 bills had passed.": ("premier", ""),
        "Gold rose 1.2% on Friday.": ("", ""),
    }
    for text, expected in cases.items():
        claim = only(text)
        assert (claim.speaker, claim.outlet) == expected, text


def test_a_pronoun_is_the_speaker_named_before_it():
    text = '"We have lost 40 soldiers," the commander told ISNA. He said 15 tanks were hit.'
    soldiers, tanks = extract(text, MONDAY)
    assert (soldiers.speaker, soldiers.outlet) == ("commander", "ISNA")
    assert (tanks.speaker, tanks.unit) == ("commander", "tanks")


def test_units_stop_where_the_counted_thing_ends():
    assert only("Output hit 2 million tonnes of wheat last year.").unit == "tonnes of wheat"
    assert only("Floods covered 500 sq km in the north.").unit == "sq km"
    assert only("Exports were 2.1 million barrels a day in May.").unit == "barrels a day"
    assert only("The ruling lasts three weeks.").unit == "weeks"
    assert only("Another 1,200 were wounded.").unit == ""
    assert only("The bank lent $3.4bn in aid.").unit == "USD"


def test_dates_resolve_against_the_publication_date():
    said = "Officials said on {} that 30 homes burned."
    assert only(said.format("Monday")).said_on == MONDAY  # the same day
    assert only(said.format("Tuesday")).said_on == date(2026, 3, 3)
    assert only(said.format("March 4")).said_on == date(2026, 3, 4)
    assert only(said.format("December 30"), date(2026, 1, 3)).said_on == date(2025, 12, 30)


def test_a_figure_inside_the_speaker_is_not_a_claim():
    claim = only("Two officials told AFP that 500 homes were flooded.")
    assert (claim.value, claim.speaker) == (500, "Two officials")


def test_the_same_figure_twice_keeps_two_keys():
    keys = [claim.key for claim in extract("It fell 3 percent. Then it rose 3 percent.")]
    assert keys == ["3 percent#0", "3 percent#1"]


def test_sentences_survive_abbreviations_and_decimals():
    text = "U.S. officials said 3.4 percent. Mr. Smith left on Jan. 5 at noon. It ended."
    assert [s for _, s in split_sentences(text)] == [
        "U.S. officials said 3.4 percent.",
        "Mr. Smith left on Jan. 5 at noon.",
        "It ended.",
    ]


def test_a_run_on_text_is_read_in_pieces_and_keeps_every_figure():
    """A list or table flattened to text has no full stops: it is cut into pieces, so its
    cost grows with its length, not its length squared."""
    text = "officials said 12 people and " * 1000 + "U.S. " * 2000
    claims = extract(text, MONDAY)
    assert len(claims) == 1000
    assert {(c.value, c.speaker) for c in claims} == {(12, "officials")}
    # only a figure whose unit fell on the other side of a cut loses it
    assert sum(c.unit == "people" for c in claims) >= 950
