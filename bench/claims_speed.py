"""Claims extraction speed on one core: stories per second.

    .venv/bin/python bench/claims_speed.py [--stories 500] [--paragraphs 10]

Stories are made of paragraphs of agency copy drawn from the labelled set
(bench/claims_labelled.txt), `--paragraphs` each (about 570 words and 50 figures with the
default: denser in figures than most copy). Prints stories/s measured in CPU time of this
one process (`time.process_time`), for:
- text → claims: the story's HTML to plain text, then extraction;
- the worker's job: `ledger.refresh()` on a fresh SQLite database, the first extraction of
  every story (all claims inserted), then a second one with nothing changed (the common
  case of an edit elsewhere in the story).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_quality import load  # noqa: E402


def make_bodies(count: int, paragraphs: int, seed: int = 19) -> list[str]:
    rng = random.Random(seed)
    texts = [story.text for story in load()]
    return ["".join(f"<p>{rng.choice(texts)}</p>" for _ in range(paragraphs)) for _ in range(count)]


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} stories/s ({seconds / count * 1000:.2f} ms CPU a story)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--paragraphs", type=int, default=25)
    args = parser.parse_args()

    os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="claims-speed-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from newsdesk.claims import ledger
    from newsdesk.claims.extraction import extract
    from newsdesk.content.models import Status, Story
    from newsdesk.content.text import plain_text

    bodies = make_bodies(args.stories, args.paragraphs)
    words = sum(len(plain_text(body).split()) for body in bodies) / len(bodies)
    today = timezone.localdate()

    started = time.process_time()
    figures = sum(len(extract(plain_text(body), today)) for body in bodies)
    took = time.process_time() - started
    print(
        f"{args.stories} stories, {words:.0f} words and {figures / args.stories:.1f} figures each"
    )
    print(f"text → claims:           {rate(args.stories, took)}")

    call_command("migrate", verbosity=0)
    now = timezone.now()
    Story.objects.bulk_create(
        Story(headline=f"Story {n}", slug=f"story-{n}", body=body, status=Status.PUBLISHED,
              published_at=now)
        for n, body in enumerate(bodies)
    )  # fmt: skip
    stories = list(Story.objects.all())
    for label in ("worker, first extraction", "worker, text unchanged"):
        started = time.process_time()
        for story in stories:
            ledger.refresh(story)
        print(f"{label + ':':25}{rate(len(stories), time.process_time() - started)}")


if __name__ == "__main__":
    main()
