"""The demo's live coverage: a running live blog of a few hundred entries over election
night (some key events, one pinned) and a breaking alert, drawn from a seeded generator."""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from newsdesk.content.models import Kind, Person, Section
from newsdesk.content.services import publishing, revisions
from newsdesk.content.web_links import validate_web_url
from newsdesk.live import services
from newsdesk.live.models import LiveBlog, LiveEntry

PLACES = [
    "the capital",
    "the north",
    "the coast",
    "the river valley",
    "the border districts",
    "the old town",
    "the eastern provinces",
    "the islands",
    "the mountain towns",
]
PARTIES = ["the Green Alliance", "the Labour Front", "the Liberal Union", "the National Bloc"]
MOVES = [
    "Turnout in {place} stands at {n} % with two hours of counting to go.",
    "{party} claims an early lead in {place}; officials urge patience.",
    "Queues are still long at polling stations in {place}, our reporter says.",
    "Counting resumes in {place} after a short power cut at the main hall.",
    "{party} concedes {n} seats in {place} but holds its ground elsewhere.",
    "Observers in {place} report a calm night and no complaints so far.",
    "The electoral commission publishes results from {n} of 120 districts.",
    "Supporters of {party} gather outside the party offices in {place}.",
]
KEY = [
    "Exit poll: {party} ahead with {n} % of the vote",
    "{party} wins {place}, a seat it last held twenty years ago",
    "Official result: turnout {n} %, the highest this century",
]


def _entry_text(rng, templates) -> str:
    return rng.choice(templates).format(
        place=rng.choice(PLACES), party=rng.choice(PARTIES), n=rng.randint(21, 79)
    )


def build_live_demo(entries: int = 300, seed: int = 2025, now=None) -> dict:
    rng = random.Random(seed)
    now = now or timezone.now()
    editor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    people = list(Person.objects.order_by("pk")[:4])
    start = now - timedelta(hours=10)
    story = revisions.create_story(
        {
            "headline": "Election night live: results as they come in",
            "standfirst": "Counting is under way across the country. Follow every result here.",
            "body": "<p>Polls have closed. Our reporters follow the count.</p>",
            "kind": Kind.LIVE,
            "section": Section.objects.order_by("order", "pk").first(),
        },
        editor,
        bylines=people[:2],
    )
    publishing.publish(story, editor, at=start)
    with transaction.atomic():
        LiveBlog.objects.update_or_create(story=story, defaults={"coverage_start": start})
        step = (now - start) / (entries + 1)
        rows = []
        for n in range(entries):
            key = n % 25 == 12
            text = _entry_text(rng, KEY if key else MOVES)
            at = start + step * (n + 1)
            rows.append(
                LiveEntry(
                    story=story,
                    posted_at=at,
                    updated_at=at,
                    title=text if key else "",
                    body=f"<p>{escape(text if not key else _entry_text(rng, MOVES))}</p>",
                    key_event=key,
                    created_by=editor,
                )
            )
        made = LiveEntry.objects.bulk_create(rows)
        Through = LiveEntry.authors.through
        Through.objects.bulk_create(
            Through(liveentry_id=entry.pk, person_id=rng.choice(people).pk)
            for entry in made
            if people
        )
    services.post_entry(
        story,
        editor,
        title="What we know so far",
        body="Counting continues in every district.\n\nThe final result is expected by dawn.",
        pinned=True,
    )
    link = f"{settings.NEWSDESK_SITE_URL}{story.get_absolute_url()}"
    try:
        validate_web_url(link)
    except ValidationError:
        link = ""  # the site's own address is not a public web address (a test host)
    alert = services.start_alert(editor, headline="Exit poll: no party has a majority", link=link)
    return {"story": story, "entries": entries + 1, "alert": alert}
