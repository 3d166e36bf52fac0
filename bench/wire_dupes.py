"""Near-duplicate grouping: precision and recall on a generated labelled set.

    .venv/bin/python bench/wire_dupes.py [--stories 300] [--seed 1]

Each original story (generated news copy, all from the same few templates and vocabulary,
so unrelated stories share many phrases: hard negatives on the same topic) gets 0-4
versions: word edits with another agency's name, truncations, reordered paragraphs,
different headlines. Grouping uses the production functions (signature, LSH band keys,
near-duplicate check) with transitive grouping, as the database-backed index does.
Pairwise precision/recall: a pair of items is "predicted" when they land in one group.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AGENCIES = ["Reuters", "AFP", "AP", "IRNA", "ANSA", "EFE", "DPA", "Kyodo"]


def _edit_words(text: str, rng: random.Random, rate: float) -> str:
    words = text.split(" ")
    fillers = ["officials", "on Monday", "reportedly", "also", "local", "new", "the"]
    for _ in range(max(1, int(len(words) * rate))):
        i = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4:
            words[i] = rng.choice(fillers)
        elif action < 0.7:
            words.insert(i, rng.choice(fillers))
        elif len(words) > 5:
            del words[i]
    return " ".join(words)


def make_version(copy, agency: str, new_agency: str, rng: random.Random, how: str):
    paragraphs = re.findall(r"<p>.*?</p>", copy.body, flags=re.S)
    headline = copy.headline
    if how == "edit":
        paragraphs = [_edit_words(p.replace(agency, new_agency), rng, 0.05) for p in paragraphs]
    elif how == "truncate":
        paragraphs = paragraphs[: max(2, int(len(paragraphs) * rng.uniform(0.4, 0.7)))]
    elif how == "reorder":
        rng.shuffle(paragraphs)
    elif how == "headline":
        headline = f"{new_agency}: {rng.choice(['Breaking', 'Update', 'Latest'])} on {copy.city}"
        paragraphs = [p.replace(agency, new_agency) for p in paragraphs]
    elif how == "mixed":
        paragraphs = paragraphs[: max(3, int(len(paragraphs) * 0.8))]
        rng.shuffle(paragraphs)
        paragraphs = [_edit_words(p.replace(agency, new_agency), rng, 0.03) for p in paragraphs]
    return headline, "\n".join(paragraphs)


def labelled_set(stories: int, seed: int):
    """[(cluster_id, how, headline, body)]: items of one cluster tell the same story."""
    from newsdesk.content.demo.writer import CopyWriter

    rng = random.Random(seed)
    writer = CopyWriter(rng)
    items = []
    for cluster in range(stories):
        agency = rng.choice(AGENCIES)
        copy = writer.story(agency)
        items.append((cluster, "original", copy.headline, copy.body))
        for _ in range(rng.randrange(0, 5)):
            how = rng.choice(["edit", "truncate", "reorder", "headline", "mixed"])
            new_agency = rng.choice([a for a in AGENCIES if a != agency])
            headline, body = make_version(copy, agency, new_agency, rng, how)
            items.append((cluster, how, headline, body))
    rng.shuffle(items)
    return items


def group(items):
    """Group like the database index: LSH candidates, confirmed, joined transitively."""
    from newsdesk.content.text import plain_text
    from newsdesk.wire.services import dedupe

    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets = defaultdict(list)
    signatures = []
    for index, (_cluster, _how, _headline, body) in enumerate(items):
        hashes = dedupe.shingle_hashes(plain_text(body))
        signatures.append(hashes)
        if len(hashes) < dedupe.MIN_SHINGLES:
            continue
        for band, key in enumerate(dedupe.band_keys(hashes)):
            for other in buckets[(band, key)]:
                if find(other) != find(index) and dedupe.is_near_duplicate(
                    hashes, signatures[other]
                ):
                    parent[find(other)] = find(index)
            buckets[(band, key)].append(index)
    return [find(i) for i in range(len(items))]


def score(items, groups):
    tp = fp = fn = 0
    missed = defaultdict(int)
    for a, b in itertools.combinations(range(len(items)), 2):
        same_truth = items[a][0] == items[b][0]
        same_group = groups[a] == groups[b]
        if same_truth and same_group:
            tp += 1
        elif same_group:
            fp += 1
        elif same_truth:
            fn += 1
            missed[items[a][1] if items[a][1] != "original" else items[b][1]] += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, dict(missed)


def main():
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    django.setup()
    items = labelled_set(args.stories, args.seed)
    started = time.perf_counter()
    groups = group(items)
    elapsed = time.perf_counter() - started
    precision, recall, missed = score(items, groups)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    print(f"items: {len(items)} in {args.stories} true stories (seed {args.seed})")
    print(f"precision: {precision:.3f}  (goal >= 0.95)")
    print(f"recall:    {recall:.3f}  (goal >= 0.90)")
    print(f"F1:        {f1:.3f}")
    print(f"missed pairs by kind of version: {missed}")
    print(f"grouping time: {elapsed:.2f}s, {len(items) / elapsed:.0f} items/s")


if __name__ == "__main__":
    main()
