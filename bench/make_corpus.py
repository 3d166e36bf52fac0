"""`python bench/make_corpus.py --stories N`: fill the database the environment names
(NEWSDESK_DATA_DIR, DATABASE_URL, as for `newsdesk`) with N published stories, by bulk
inserts (bench/corpus.py); prints stories/s."""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from bench.corpus import CorpusSpec, build_corpus  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Fill the database with N realistic published stories."
    )
    parser.add_argument("--stories", type=int, required=True)
    parser.add_argument("--sections", type=int, default=10)
    parser.add_argument("--tags", type=int, default=100)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--min-words", type=int, default=300)
    parser.add_argument("--max-words", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.min_words > args.max_words:
        parser.error("--min-words must not exceed --max-words")
    spec = CorpusSpec(**vars(args))
    started = time.perf_counter()

    def progress(done, total):
        elapsed = time.perf_counter() - started
        print(f"  {done:>10,} / {total:,} stories  {done / elapsed:,.0f} stories/s", flush=True)

    result = build_corpus(spec, progress=progress)
    elapsed = time.perf_counter() - started
    print(
        f"Created {result['stories']:,} stories ({result['words']:,} words, "
        f"{result['tag_links']:,} tag links, {result['bylines']:,} bylines) "
        f"in {elapsed:,.1f} s: {result['stories'] / elapsed:,.0f} stories/s"
    )


if __name__ == "__main__":
    main()
