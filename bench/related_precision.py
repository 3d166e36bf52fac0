"""Related stories, measured: precision@5 on two labelled sets, and the cost of working
them out.

    .venv/bin/python bench/related_precision.py

Runs in a scratch SQLite database (nothing of yours is touched). The labelled sets:
  demo     the demo newsroom (650 stories). Each demo story is written from one event of
           its section's beat (content/demo/beats.py): its label is that event, recovered
           by matching the headline against the event's headline template. Stories about
           the same event are "about the same thing"; photo stories and the workflow
           examples have no label and stay as distractors.
  corpus   the long articles of the readability test pages (real text, many languages):
           each article's paragraphs are cut into 6 consecutive parts, each part a story
           (headline: its first words; no section, no tags; a random date over two years,
           so closeness in time says nothing). A part's label is its article.
Both sets share one database, so each is the other's distractors. For every labelled live
story, the top 5 related are compared with the stories sharing its label:
precision@5 = relevant among the 5 / 5 (stories whose label has fewer than 5 others are
left out). Variants switch signals off to show what each brings.
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# The shared corpora sit beside the repository (../shared/corpora) unless NEWSDESK_CORPORA says.
CORPORA = Path(os.environ.get("NEWSDESK_CORPORA", REPO.parent / "shared" / "corpora"))
CORPUS = CORPORA / "readability-test-pages"
PARTS = 6
MIN_WORDS = 600


def setup_django(scratch: Path):
    os.environ["NEWSDESK_DATA_DIR"] = str(scratch)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("NEWSDESK_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    os.environ["NEWSDESK_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _template_pattern(template: str):
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{\w+\\\}", ".+?", pattern)
    return re.compile(f"^{pattern}$", re.IGNORECASE)


def demo_labels(stories: int) -> dict[int, str]:
    from newsdesk.content.demo.beats import BEATS
    from newsdesk.content.demo.newsroom import build_newsroom
    from newsdesk.content.models import Story

    build_newsroom(stories=stories, pictures=6)
    patterns = [
        (f"demo:{beat.section}:{i}", _template_pattern(event.headline))
        for beat in BEATS
        for i, event in enumerate(beat.events)
    ]
    labels = {}
    for pk, section, headline in Story.objects.values_list("pk", "section__name", "headline"):
        found = [
            label
            for label, pattern in patterns
            if label.split(":")[1] == section and pattern.match(headline)
        ]
        if len(found) == 1:
            labels[pk] = found[0]
    return labels


def _paragraphs(path: Path) -> list[str]:
    from lxml import html

    tree = html.fromstring(path.read_text(encoding="utf-8", errors="replace"))
    texts = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    return [text for text in texts if len(text.split()) >= 8]


def corpus_labels(seed: int = 7) -> dict[int, str]:
    from django.utils import timezone

    from newsdesk.content.models import Status, Story

    rng = random.Random(seed)
    now = timezone.now()
    labels, rows = {}, []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "expected.html").exists()):
        paragraphs = _paragraphs(folder / "expected.html")
        if len(paragraphs) < PARTS or sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
            continue
        size = len(paragraphs) / PARTS
        for part in range(PARTS):
            chunk = paragraphs[round(part * size) : round((part + 1) * size)]
            words = chunk[0].split()
            moment = now - timedelta(minutes=rng.randrange(60, 730 * 24 * 60))
            body = "".join(f"<p>{escape(text)}</p>" for text in chunk)
            rows.append(
                (
                    folder.name,
                    Story(
                        headline=" ".join(words[:10])[:300],
                        slug=f"part-{len(rows)}",
                        body=body,
                        status=Status.PUBLISHED,
                        published_at=moment,
                        created_at=moment,
                        updated_at=moment,
                    ),
                )
            )
    Story.objects.bulk_create([story for _, story in rows], batch_size=500)
    for label, story in rows:
        labels[story.pk] = f"corpus:{label}"
    return labels


def precision_at_5(labels: dict[int, str]) -> tuple[float, int]:
    from newsdesk.content.models import Story
    from newsdesk.related.models import RelatedStory

    by_label: dict[str, set[int]] = {}
    for pk, label in labels.items():
        by_label.setdefault(label, set()).add(pk)
    live = {s.pk for s in Story.objects.filter(pk__in=labels) if s.is_live}
    lists: dict[int, list[int]] = {}
    for story_id, related_id in RelatedStory.objects.filter(
        story_id__in=live, rank__lte=5
    ).values_list("story_id", "related_id"):
        lists.setdefault(story_id, []).append(related_id)
    scores = []
    for pk in live:
        relevant = (by_label[labels[pk]] & live) - {pk}
        if len(relevant) < 5:
            continue
        scores.append(len(set(lists.get(pk, [])) & relevant) / 5)
    return (statistics.mean(scores) if scores else 0.0), len(scores)


VARIANTS = {
    "all signals (shipped)": {},
    "no recency": {"compute.RECENCY_DAYS": 1e12},
    "strong recency (30 d)": {"compute.RECENCY_DAYS": 30.0},
    "recency 180 d": {"compute.RECENCY_DAYS": 180.0},
    "no tags or section": {"terms.TAG_WEIGHT": 0.0, "terms.SECTION_WEIGHT": 0.0},
    "no names": {"terms.NAME_WEIGHT": 0.0},
    "headline not boosted": {
        "terms.FIELD_WEIGHTS": {"headline": 1.0, "standfirst": 1.0, "body": 1.0}
    },
}


def run_variant(settings_changes, labelled) -> dict:
    from newsdesk.related import compute, refresh, terms

    modules = {"compute": compute, "terms": terms}
    saved = {}
    for dotted, value in settings_changes.items():
        module, name = dotted.split(".")
        saved[dotted] = getattr(modules[module], name)
        setattr(modules[module], name, value)
    try:
        started = time.perf_counter()
        refresh.rebuild()
        seconds = time.perf_counter() - started
        return {"seconds": seconds, **{name: precision_at_5(ids) for name, ids in labelled.items()}}
    finally:
        for dotted, value in saved.items():
            module, name = dotted.split(".")
            setattr(modules[module], name, value)


def refresh_cost(sample: int = 50) -> float:
    """Milliseconds to work out one story's change (its list and its neighbours')."""
    from newsdesk.content.models import Story
    from newsdesk.related import refresh

    ids = list(Story.objects.order_by("?").values_list("pk", flat=True)[:sample])
    started = time.perf_counter()
    for pk in ids:
        refresh.refresh_story(pk)
    return (time.perf_counter() - started) * 1000 / len(ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=650)
    parser.add_argument("--variants", default="", help="comma-separated names (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-related-") as scratch:
        setup_django(Path(scratch))
        labelled = {"demo": demo_labels(args.stories), "corpus": corpus_labels()}
        for name, labels in labelled.items():
            print(f"{name}: {len(labels)} labelled stories, {len(set(labels.values()))} labels")
        for variant, changes in VARIANTS.items():
            if args.variants and variant not in args.variants.split(","):
                continue
            result = run_variant(changes, labelled)
            (demo, n_demo), (corpus, n_corpus) = result["demo"], result["corpus"]
            print(
                f"{variant:<24} P@5 demo {demo:.3f} ({n_demo} queries)  "
                f"corpus {corpus:.3f} ({n_corpus} queries)  rebuild {result['seconds']:.1f} s"
            )
        from newsdesk.related import refresh

        refresh.rebuild()
        print(f"one story's change: {refresh_cost():.1f} ms (its list and its neighbours')")


if __name__ == "__main__":
    main()
