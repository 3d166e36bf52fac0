"""What cutting bodies to their snippet's stretch saves PostgreSQL, on real articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/snippet_stretch.py

Each article of a folder of real pages (`*/expected.html`, by default the readability test
pages beside the repository) longer than 1,500 characters is searched for a few words it
holds once; for each, `ts_headline` makes the snippet from the whole body and from the
stretch `search/backends/snippet_window.py` keeps (best of three, ms), and the Python that
finds the stretch is timed too. Needs only the text search configuration (`newsdesk
migrate` on the database), no stories.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from newsdesk.search.backends.documents import index_html  # noqa: E402
from newsdesk.search.backends.postgres import SNIPPET, PostgresBackend  # noqa: E402
from newsdesk.search.backends.postgres_index import CONFIG  # noqa: E402
from newsdesk.search.backends.snippet_window import body_window  # noqa: E402
from newsdesk.search.query import parse_query, pieces  # noqa: E402


def best_of_three(cursor, sql: str, params: list) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchone()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pages",
        type=Path,
        default=HERE.parent / "shared/corpora/readability-test-pages",
        help="a folder of real pages, one folder each with expected.html",
    )
    args = parser.parse_args()
    texts = [
        index_html(page.read_text("utf-8")) for page in sorted(args.pages.glob("*/expected.html"))
    ]
    texts = [text for text in texts if len(text) > 1500]
    backend, whole, cut, finding, shares = PostgresBackend(), [], [], [], []
    with connection.cursor() as cursor:
        for text in texts:
            words = [word for word in pieces(text) if len(word) > 4]
            counts = {word: words.count(word) for word in words}
            once = [word for word in words if counts[word] == 1]
            for word in once[:: max(1, len(words) // 6)][:3]:
                query = parse_query(word)
                started = time.perf_counter()
                stretch = body_window(text, query)
                finding.append((time.perf_counter() - started) * 1000)
                tsquery, params = backend._tsquery(query)
                sql = f"SELECT ts_headline('{CONFIG}', %s, {tsquery}, %s)"
                whole.append(best_of_three(cursor, sql, [text, *params, SNIPPET]))
                cut.append(best_of_three(cursor, sql, [stretch, *params, SNIPPET]))
                shares.append(len(stretch) / len(text))
    median_chars = statistics.median(len(text) for text in texts)
    print(f"{len(texts)} articles (median {median_chars:.0f} characters), {len(whole)} words")
    print(f"{'':24}{'median ms':>10}{'sum ms':>9}")
    print(f"{'ts_headline, whole body':<24}{statistics.median(whole):>10.2f}{sum(whole):>9.0f}")
    print(f"{'ts_headline, stretch':<24}{statistics.median(cut):>10.2f}{sum(cut):>9.0f}")
    print(f"{'finding the stretch':<24}{statistics.median(finding):>10.2f}{sum(finding):>9.0f}")
    print(f"stretch / body: median {statistics.median(shares):.2f}")


if __name__ == "__main__":
    main()
