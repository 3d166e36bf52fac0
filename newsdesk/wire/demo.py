"""Wire copy waiting in the demo's queue: stories from several agencies, as ninjs, some of
them the same event told by two agencies in their own words (near-duplicates, which the
queue groups). Written by the same beats as the demo's stories, so they fit its sections."""

import json
import random
from datetime import timedelta

from django.utils import timezone

from newsdesk.content.demo.beats import BEATS, Beat
from newsdesk.content.demo.reporter import Reporter
from newsdesk.content.models import Source
from newsdesk.wire.models import ItemKind
from newsdesk.wire.services.ingest import store_items

# How a second agency tells the same event: its own opening and sign-off.
RETELLINGS = (
    ("", " Officials gave no further details."),
    ("Update: ", " More to follow."),
)


def _ninjs(source: Source, guid: str, copy, when) -> dict:
    return {
        "uri": guid,
        "type": "text",
        "version": "1",
        "language": "en",
        "versioncreated": when.isoformat(timespec="seconds"),
        "headline": copy.headline,
        "description_text": copy.standfirst,
        "body_html": copy.body,
        "byline": f"{source.name} staff",
    }


def _fields(source: Source, guid: str, copy, when) -> dict:
    return {
        "kind": ItemKind.NINJS,
        "raw": json.dumps(_ninjs(source, guid, copy, when), ensure_ascii=False),
        "source": source,
        "guid": guid,
        "headline": copy.headline,
        "summary": copy.standfirst,
        "body": copy.body,
        "author": f"{source.name} staff",
        "language": "en",
        "published_at": when,
    }


def queue_wire_items(count: int = 12, duplicates: int = 4, seed: int = 2025) -> int:
    """Store `count` wire items from the agencies (the demo's sources), `duplicates` of them
    retellings of another's event by a second agency. Returns how many were stored."""
    rng = random.Random(seed)
    agencies = list(Source.objects.order_by("pk"))
    if len(agencies) < 2:
        return 0
    reporter, now = Reporter(rng), timezone.now()
    batch = []
    for n in range(count - duplicates):
        beat = rng.choice(BEATS)
        event = rng.choice(beat.events)
        single = Beat(beat.section, beat.cities, beat.actors, (event,), beat.quotes)
        first, second = rng.sample(agencies, 2)
        when = now - timedelta(minutes=rng.randrange(5, 600))
        state = rng.getstate()
        copy = reporter.story(single, first.name)
        batch.append(_fields(first, f"demo-wire-{n}-a", copy, when))
        if n < duplicates:
            rng.setstate(state)  # the same facts, told again by the second agency
            retold = reporter.story(single, second.name)
            opening, closing = rng.choice(RETELLINGS)
            retold.headline = f"{opening}{retold.headline}"
            retold.body = retold.body.replace("</p>", f"{closing}</p>", 1)
            later = when + timedelta(minutes=rng.randrange(3, 40))
            batch.append(_fields(second, f"demo-wire-{n}-b", retold, later))
    return len([item for item in store_items(batch) if item is not None])
