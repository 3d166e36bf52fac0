"""Claims extraction quality on the labelled set (bench/claims_labelled.txt).

    .venv/bin/python bench/claims_quality.py [--errors] [--split tuned|held-out|all]

For each story the extracted claims are matched to the labelled ones by value (in order).
Prints, per split:
- number/unit F1: a claim counts when its value and its unit both equal the label's
  (unit compared case- and space-insensitively), precision over everything extracted;
- number F1: the value alone;
- speaker attribution accuracy: labelled claims whose matched extraction names the same
  speaker (leading "a"/"an"/"the" and case ignored), over every labelled claim (a claim not
  found counts as wrong); outlet and "said on" accuracy the same way.
The "tuned" split is what the rules were developed against; "held-out" stories were
written and labelled before the rules were run on them, and not tuned on afterwards.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdesk.claims.extraction import extract  # noqa: E402

LABELS = Path(__file__).with_name("claims_labelled.txt")


@dataclass
class Labelled:
    published: date
    split: str
    text: str = ""
    claims: list = field(default_factory=list)


def load(path: Path = LABELS) -> list[Labelled]:
    stories = []
    for line in path.read_text().splitlines():
        if line.startswith("## "):
            day, split = line[3:].split()
            stories.append(Labelled(date.fromisoformat(day), split))
        elif line.startswith("= "):
            quote, value, unit, speaker, outlet, said_on = (
                part.strip() for part in line[2:].split("|")
            )
            stories[-1].claims.append(
                {
                    "quote": quote,
                    "value": Decimal(value),
                    "unit": unit,
                    "speaker": speaker,
                    "outlet": outlet,
                    "said_on": date.fromisoformat(said_on) if said_on else None,
                }
            )
        elif line.strip() and not line.startswith("#") and stories:
            stories[-1].text = f"{stories[-1].text} {line.strip()}".strip()
    return stories


def same_text(a: str, b: str) -> bool:
    def norm(text):
        return re.sub(r"^(?:a|an|the)\s+", "", " ".join(text.lower().split()))

    return norm(a or "") == norm(b or "")


def score(stories, show_errors=False) -> dict:
    totals = dict.fromkeys(
        ("gold", "found", "value_tp", "unit_tp", "speaker", "outlet", "said_on"), 0
    )
    for story in stories:
        found = extract(story.text, story.published)
        unmatched = list(found)
        totals["gold"] += len(story.claims)
        totals["found"] += len(found)
        for gold in story.claims:
            match = next((f for f in unmatched if f.value == gold["value"]), None)
            if match is None:
                if show_errors:
                    print(f"MISSED   {gold['quote']!r} in: {story.text[:90]}")
                continue
            unmatched.remove(match)
            totals["value_tp"] += 1
            checks = {
                "unit_tp": same_text(match.unit, gold["unit"]),
                "speaker": same_text(match.speaker, gold["speaker"]),
                "outlet": same_text(match.outlet, gold["outlet"]),
                "said_on": match.said_on == gold["said_on"],
            }
            for name, ok in checks.items():
                totals[name] += ok
                if show_errors and not ok:
                    got = getattr(match, {"unit_tp": "unit"}.get(name, name))
                    want = gold[{"unit_tp": "unit"}.get(name, name)]
                    print(f"{name:8} {gold['quote']!r}: got {got!r}, want {want!r}")
        if show_errors:
            for extra in unmatched:
                print(f"EXTRA    {extra.quote!r} in: {extra.sentence[:90]}")
    return totals


def f1(tp, gold, found) -> tuple[float, float, float]:
    precision = tp / found if found else 0.0
    recall = tp / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def report(name: str, totals: dict) -> None:
    gold, found = totals["gold"], totals["found"]
    p, r, f = f1(totals["unit_tp"], gold, found)
    vp, vr, vf = f1(totals["value_tp"], gold, found)
    print(f"{name}: {gold} labelled claims, {found} extracted")
    print(f"  number/unit F1   {f:.3f}  (precision {p:.3f}, recall {r:.3f})")
    print(f"  number F1        {vf:.3f}  (precision {vp:.3f}, recall {vr:.3f})")
    for label in ("speaker", "outlet", "said_on"):
        print(f"  {label:16} {totals[label] / gold:.3f} accuracy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every mismatch")
    parser.add_argument("--split", choices=("tuned", "held-out", "all"), default="all")
    args = parser.parse_args()
    stories = load()
    for split in ("tuned", "held-out"):
        if args.split in (split, "all"):
            chosen = [s for s in stories if s.split == split]
            report(split, score(chosen, args.errors))
    if args.split == "all":
        report("all", score(stories))


if __name__ == "__main__":
    main()
