"""Body extraction quality on real pages: token-shingle F1 against each page's expected body.

    .venv/bin/python bench/extraction_f1.py FOLDER [--extractor newsdesk|trafilatura|
        trafilatura-twice|readability]
        [--split all|tuned|held-out] [--worst 10]

FOLDER holds one sub-folder per page with `source.html` (the page), `expected.html` (the
article body) and optionally `expected-metadata.json` (title, byline, publishedTime): the
layout of Mozilla Readability's test pages. The metric is the one of the public article-
extraction benchmarks: the text is split into lower-cased word tokens, grouped into
overlapping shingles of four, and the extracted shingles are compared with the expected ones
as multisets. Precision and recall are averaged over pages and F1 is taken from the means.

--split: pages are divided by a hash of their folder name (stable, independent of the
extractor) into a "tuned" two-thirds, the only part looked at while developing, and a
"held-out" third, measured only to report. Also prints how often the headline and byline
match the expected metadata (case- and space-insensitive).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def text_of(html: str) -> str:
    """The words of an HTML fragment, every element boundary a space (so blocks never glue)."""
    import lxml.html

    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return " ".join(root.itertext())


def shingles(text: str) -> Counter:
    tokens = [t.lower() for t in TOKEN.findall(text)]
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def precision_recall(expected: str, found: str) -> tuple[float, float]:
    want, got = shingles(expected), shingles(found)
    if not want and not got:
        return 1.0, 1.0
    overlap = sum((want & got).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def split_of(name: str) -> str:
    return "held-out" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0 else "tuned"


def extractor(name: str):
    """A function html -> (body html, headline, author)."""
    if name == "newsdesk":
        import django

        django.setup()
        from newsdesk.wire.services.page_extraction import extract_page

        def run(html):
            page = extract_page(html)
            return page.body, page.headline, page.author

        return run
    if name == "trafilatura":
        import trafilatura

        def run(html):
            return trafilatura.extract(html, output_format="html") or "", "", ""

        return run
    if name == "trafilatura-twice":  # what Newsdesk did before: metadata, then the body
        import trafilatura

        def run(html):
            document = trafilatura.bare_extraction(html, with_metadata=True)
            body = trafilatura.extract(html, output_format="html") or ""
            return body, document.title if document else "", document.author if document else ""

        return run
    if name == "readability":
        from readability import Document

        def run(html):
            document = Document(html)
            return document.summary(html_partial=True), document.short_title(), ""

        return run
    raise SystemExit(f"unknown extractor {name!r}")


def same(a: str, b: str) -> bool:
    return " ".join((a or "").lower().split()) == " ".join((b or "").lower().split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--extractor",
        default="newsdesk",
        choices=["newsdesk", "trafilatura", "trafilatura-twice", "readability"],
    )
    parser.add_argument("--split", default="all", choices=["all", "tuned", "held-out"])
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages")
    args = parser.parse_args()
    run = extractor(args.extractor)
    rows = []
    titles = bylines = with_meta = 0
    seconds = 0.0
    for page in sorted(p for p in args.folder.iterdir() if (p / "source.html").exists()):
        if args.split != "all" and split_of(page.name) != args.split:
            continue
        source = (page / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = (page / "expected.html").read_text(encoding="utf-8", errors="replace")
        started = time.perf_counter()
        body, headline, author = run(source)
        seconds += time.perf_counter() - started
        p, r = precision_recall(text_of(expected), text_of(body))
        rows.append((page.name, p, r))
        meta_file = page / "expected-metadata.json"
        if meta_file.exists():
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            with_meta += 1
            titles += same(headline, meta.get("title"))
            bylines += same(author, meta.get("byline"))
    if not rows:
        raise SystemExit("no pages (sub-folders with source.html) found")
    mean_p = sum(p for _, p, _ in rows) / len(rows)
    mean_r = sum(r for _, _, r in rows) / len(rows)
    print(f"extractor {args.extractor}, {len(rows)} pages ({args.split})")
    print(f"time   {1000 * seconds / len(rows):.0f} ms per page (extraction alone)")
    print(f"body   precision {mean_p:.3f}  recall {mean_r:.3f}  F1 {f1(mean_p, mean_r):.3f}")
    if with_meta and args.extractor == "newsdesk":
        print(f"title  same as expected on {titles}/{with_meta} pages")
        print(f"byline same as expected on {bylines}/{with_meta} pages")
    for name, p, r in sorted(rows, key=lambda row: f1(row[1], row[2]))[: args.worst]:
        print(f"  {f1(p, r):.3f}  P {p:.3f} R {r:.3f}  {name}")


if __name__ == "__main__":
    main()
