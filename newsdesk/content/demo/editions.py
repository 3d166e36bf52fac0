"""The demo's other editions: a Persian edition of stories written from Persian sentence
templates (persian_words.py), and a few stories told in English, Persian and Arabic,
linked as translations of one another. Editions that are not configured are left out."""

import random
import uuid
from datetime import timedelta

from django.db import transaction

from newsdesk.content.demo import persian_words as words
from newsdesk.content.models import Byline, Person, Section, Status, Story
from newsdesk.content.text import make_slug, sanitize_html
from newsdesk.editions.config import editions, main_edition

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _edition_code(language: str) -> str | None:
    for edition in editions()[1:]:
        if edition.language.split("-")[0] == language:
            return edition.code
    return None


def build_editions(rng: random.Random, now, days: int, stories: int) -> int:
    """Write `stories` Persian stories and the translated few; returns how many."""
    persian, arabic = _edition_code("fa"), _edition_code("ar")
    if persian is None:
        return 0
    with transaction.atomic():
        made = _persian_stories(rng, now, days, persian, stories)
        made += _translated_stories(rng, now, persian, arabic)
    return made


def _persian_stories(rng, now, days, edition, count) -> int:
    sections = {
        name: Section.objects.get_or_create(
            slug=make_slug(name),
            defaults={"name": name, "description": about, "order": 100 + n, "edition": edition},
        )[0]
        for n, (name, (about, _, _)) in enumerate(words.SECTIONS.items())
    }
    people = [
        Person.objects.get_or_create(slug=make_slug(name), defaults={"name": name, "role": role})[0]
        for name, role in words.REPORTERS
    ]
    rows, writers = [], []
    for _ in range(count):
        name = rng.choice(list(words.SECTIONS))
        headline, standfirst, body = _persian_copy(rng, name)
        published = now - timedelta(minutes=rng.randrange(30, days * 24 * 60))
        rows.append(
            Story(
                headline=headline,
                slug=make_slug(headline),
                standfirst=standfirst,
                body=sanitize_html(body),
                section=sections[name],
                language="fa",
                edition=edition,
                status=Status.PUBLISHED,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
        writers.append(rng.choice(people))
    Story.objects.bulk_create(rows)
    Byline.objects.bulk_create(
        Byline(story=story, person=person) for story, person in zip(rows, writers, strict=True)
    )
    return len(rows)


def _persian_copy(rng, section: str) -> tuple[str, str, str]:
    _, actors, headlines = words.SECTIONS[section]
    city, other = (place[0] for place in rng.sample(words.CITIES, 2))

    def fill(template: str) -> str:
        actor = rng.choice(actors).format(city=city)
        number = str(rng.randrange(3, 60))
        text = template.format(city=city, other=other, n=number, actor=actor)
        return text.translate(PERSIAN_DIGITS)

    sentences = [fill(s) for s in rng.sample(words.SENTENCES, 6)]
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, 6, 2)]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return fill(rng.choice(headlines)), fill(rng.choice(words.STANDFIRSTS)), body


def _translated_stories(rng, now, persian, arabic) -> int:
    """Each story of TRANSLATED in English, Persian and (with an Arabic edition) Arabic,
    one translation group each, published within the last day."""
    english_section = Section.objects.filter(edition=main_edition().code).first()
    persian_section = Section.objects.filter(edition=persian).first()
    arabic_section = None
    if arabic:
        name, about = words.ARABIC_SECTION
        arabic_section = Section.objects.get_or_create(
            slug=make_slug(name), defaults={"name": name, "description": about, "edition": arabic}
        )[0]
    made = 0
    for hours, versions in enumerate(words.TRANSLATED, start=1):
        group = uuid.uuid4()
        published = now - timedelta(hours=hours, minutes=rng.randrange(0, 50))
        placed = (
            (versions[0], main_edition().code, english_section, "en"),
            (versions[1], persian, persian_section, "fa"),
            (versions[2], arabic, arabic_section, "ar"),
        )
        for (headline, standfirst, paragraphs), edition, section, language in placed:
            if edition is None:
                continue
            Story.objects.create(
                headline=headline,
                standfirst=standfirst,
                body=sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs)),
                section=section,
                language=language,
                edition=edition,
                translation_group=group,
                status=Status.PUBLISHED,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
            made += 1
    return made
