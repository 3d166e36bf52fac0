"""Same-event detection across agencies: precision and recall on the labelled set.

    .venv/bin/python bench/same_event.py [--sweep]

The set (bench/data/same_event.json; its "about" says how it was made) holds
hand-written agency copies of 14 events in 7 topic pairs (two earthquakes, two oil-price
moves...), in English and Persian; every pair of copies is labelled "same event" exactly
when both were written for the same event.
Prints pairwise precision and recall of `events.same_event` for all pairs, for English
pairs, Persian pairs and English-Persian (translated) pairs, and for the hard negatives
(different events of one topic).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdesk.wire.services import events  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "same_event.json"
EVENTS = json.loads(DATA.read_text())["events"]


def copies():
    for n, event in enumerate(EVENTS):
        topic = n // 2
        for language in ("en", "fa"):
            for agency, headline, text in event[language]:
                yield {
                    "event": event["key"],
                    "topic": topic,
                    "language": language,
                    "agency": agency,
                    "signature": events.signature(headline, text),
                }


def pairs():
    for a, b in itertools.combinations(list(copies()), 2):
        kind = "-".join(sorted({a["language"], b["language"]}))
        kind = {"en": "en-en", "fa": "fa-fa", "en-fa": "en-fa"}[kind]
        yield a, b, kind


def scores(predict) -> dict:
    table: dict[str, list[int]] = {}
    for a, b, kind in pairs():
        truth = a["event"] == b["event"]
        guess = predict(a["signature"], b["signature"])
        hard = not truth and a["topic"] == b["topic"]
        for group in ("all", kind, *(["hard negatives"] if hard else [])):
            tp, fp, fn, tn = table.setdefault(group, [0, 0, 0, 0])
            table[group] = [
                tp + (truth and guess),
                fp + (guess and not truth),
                fn + (truth and not guess),
                tn + (not truth and not guess),
            ]
    return table


def report(table: dict) -> None:
    print(f"{'pairs':16} {'count':>6} {'same':>5} {'precision':>9} {'recall':>7}  (tp fp fn)")
    for group, (tp, fp, fn, tn) in table.items():
        if group == "hard negatives":
            print(f"{group:16} {fp + tn:6}     0  wrongly joined: {fp}")
            continue
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        count = tp + fp + fn + tn
        print(f"{group:16} {count:6} {tp + fn:5} {precision:9.3f} {recall:7.3f}  ({tp} {fp} {fn})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true", help="try other thresholds")
    args = parser.parse_args()
    report(scores(events.same_event))
    if args.sweep:
        for threshold in (0.12, 0.15, 0.17, 0.19, 0.21, 0.24, 0.28):
            events.SAME_SCRIPT_THRESHOLD = threshold
            tp, fp, fn, _ = scores(events.same_event)["en-en"]
            print(
                f"same-script threshold {threshold}: precision {tp / max(tp + fp, 1):.3f} "
                f"recall {tp / max(tp + fn, 1):.3f}"
            )


if __name__ == "__main__":
    main()
