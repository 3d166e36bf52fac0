"""Any string a reader can send gives results or an empty page, never a 500 (property
tests on whichever backend the run uses: SQLite by default, PostgreSQL with DATABASE_URL)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.search import services

pytestmark = pytest.mark.django_db

NASTY = [
    '"unbalanced',
    "NEAR(a b",
    "*",
    "a*",
    ":",
    "headline:oil",
    "'; DROP TABLE content_story; --",
    "1 OR 1=1",
    "a AND OR NOT b",
    "^start",
    "(((",
    "-",
    "--",
    '"" OR ""',
    "!!x & y | z <-> w:*",
    "\x00\x01\x1f",
    "\ufeff\u200c\u200f",
    "x" * 10_000,
    "word " * 2_000,
]
QUERY = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.lists(
        st.sampled_from(["oil", "OR", "-", '"', "*", "NEAR", "(", ")", ":", "AND", "NOT", "تهران"])
    ).map(" ".join),
)
SUITE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def corpus(newsroom):
    newsroom.story("Oil prices and NEAR misses", body="<p>Tehran تهران oil (gas) 1=1</p>")
    newsroom.story("Another story", standfirst="About oil")


@pytest.mark.parametrize("q", NASTY)
def test_nasty_queries_render_a_page(client, corpus, q):
    for params in ({"q": q}, {"q": q, "sort": "date"}):
        assert client.get("/search/", params).status_code == 200


@SUITE
@given(q=QUERY)
def test_any_query_gives_a_page(client, corpus, q):
    response = client.get("/search/", {"q": q.replace("\x00", "")})
    assert response.status_code == 200


@SUITE
@given(q=QUERY)
def test_any_query_works_in_the_service_and_suggestions(corpus, q):
    results = services.search(q)
    assert results.total >= len(results.stories)
    assert isinstance(services.suggest(q), list)


@pytest.mark.parametrize("field", ["section", "author", "source", "date_from", "sort", "page"])
def test_nul_bytes_and_junk_in_filters_never_fail(client, corpus, field):
    for value in ("\x00", "a\x00b", "'; --", "9" * 40, "-1"):
        status = client.get("/search/", {"q": "oil", field: value}).status_code
        assert status == (404 if field == "page" else 200)
