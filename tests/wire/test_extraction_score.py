"""bench/extraction_f1.py scores any folder of pages laid out as Readability's test pages
(source.html, expected.html, expected-metadata.json) with token-shingle F1."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.extraction_f1 import f1, precision_recall

ROOT = Path(__file__).resolve().parent.parent.parent
BODY = (
    "<p>The harbour authority said the new ferry terminal would open in the spring, two "
    "years later than planned, after the builder found old foundations under the quay.</p>"
    "<p>Passengers will be able to board four ships at once, and the waiting hall has room "
    "for eight hundred people, the authority's director told the city council.</p>"
)


def test_shingle_scores():
    text = "one two three four five six seven eight"
    assert precision_recall(text, text) == (1.0, 1.0)
    assert precision_recall(text, "") == (0.0, 0.0)
    # Half the expected text found, nothing else: precision 1, recall 0.5 (5 shingles of 4).
    precision, recall = precision_recall(text, "one two three four five")
    assert precision == 1.0 and recall == 2 / 5
    assert round(f1(1.0, 0.4), 4) == round(2 * 0.4 / 1.4, 4)


def test_script_scores_a_folder(tmp_path):
    page = tmp_path / "ferry"
    page.mkdir()
    (page / "source.html").write_text(
        "<html><head><title>Ferry terminal delayed | Harbour News</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Ferry terminal delayed</h1>{BODY}"
        "</article><footer>Contact us</footer></body></html>"
    )
    (page / "expected.html").write_text(f"<div>{BODY}</div>")
    (page / "expected-metadata.json").write_text(json.dumps({"title": "Ferry terminal delayed"}))
    result = subprocess.run(
        [sys.executable, "bench/extraction_f1.py", str(tmp_path), "--worst", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path / "data")},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "1 pages (all)" in result.stdout
    assert "F1 1.000" in result.stdout and "title  same as expected on 1/1" in result.stdout
