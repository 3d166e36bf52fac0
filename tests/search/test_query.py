"""The query syntax, parsed before any backend sees it."""

from newsdesk.search.backends.postgres import search_query
from newsdesk.search.backends.sqlite import match_expression
from newsdesk.search.query import MAX_QUERY_LENGTH, Term, parse_query


def test_words_phrases_exclusions_and_or():
    query = parse_query('tehran oil OR gas "supreme leader" -sanctions -"state media"')
    assert query.groups == [
        [Term(("tehran",))],
        [Term(("oil",)), Term(("gas",))],
        [Term(("supreme", "leader"))],
    ]
    assert query.excluded == [Term(("sanctions",)), Term(("state", "media"))]


def test_engine_syntax_is_never_passed_through():
    query = parse_query('NEAR( a* b:c "unbalanced ^x AND')
    assert match_expression(query) == '("NEAR") AND ("a") AND ("b c") AND ("unbalanced x AND")'


def test_only_punctuation_or_only_exclusions_is_an_empty_query():
    assert parse_query('*** "" : ( -').is_empty
    assert parse_query("-war").is_empty
    assert parse_query("   ").is_empty


def test_long_queries_are_cut_and_control_characters_dropped():
    query = parse_query("word\x00\x07 " + "x" * 10_000)
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.groups[0] == [Term(("word",))]


def test_prefix_applies_to_the_last_word_only():
    query = parse_query("supreme lea")
    assert match_expression(query, prefix=True) == '("supreme") AND ("lea"*)'
    supreme, lea = search_query(query, prefix=True).get_source_expressions()
    assert supreme.function == "plainto_tsquery"
    assert supreme.get_source_expressions()[-1].value == "supreme"
    assert lea.function == "to_tsquery" and lea.get_source_expressions()[-1].value == "lea:*"


def test_arabic_marks_and_letter_forms_are_folded():
    assert parse_query("كَتَبَ").groups == [[Term(("کتب",))]]
    assert parse_query("علي").groups == [[Term(("علی",))]]
