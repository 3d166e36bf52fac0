"""A large, realistic corpus for benchmarks, fast (`python bench/make_corpus.py --stories N`).

Bodies are assembled from a pool of pre-written, pre-sanitized paragraphs so that a million
stories take minutes, not hours; everything else (sections, tags, bylines, agencies,
pictures, dates over years) goes through the real models with bulk inserts.
"""

import io
import random
from dataclasses import dataclass
from datetime import timedelta
from html import escape

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage

from newsdesk.content import changes
from newsdesk.content.demo import words
from newsdesk.content.demo.writer import CopyWriter
from newsdesk.content.models import Byline, Image, Person, Section, Source, Status, Story, Tag
from newsdesk.content.services.pagecounts import rebuild_counts
from newsdesk.content.text import make_slug, sanitize_html

PARAGRAPH_POOL = 3000
PICTURES = 12
# Each story closes on one subject, drawn with Zipf-like weights (rank r: 1 / r^0.8) as
# real coverage is: the commonest, "Diplomacy", is in ≈ 20 % of stories, the word the
# issue's search benchmark looks for. The shared paragraphs never use these words.
SUBJECT_WEIGHTS = [1 / rank**0.8 for rank in range(1, len(words.TAGS) + 1)]


@dataclass
class CorpusSpec:
    stories: int
    sections: int = 10
    tags: int = 100
    people: int = 40
    years: float = 5.0
    min_words: int = 300
    max_words: int = 1500
    batch: int = 5000
    seed: int = 2026


def build_corpus(spec: CorpusSpec, progress=None, now=None) -> dict:
    rng = random.Random(spec.seed)
    subjects = random.Random(spec.seed + 1)  # its own stream: the rest stays as it was
    now = now or timezone.now()
    writer = CopyWriter(rng)
    sections, tags, people, agencies, images = _taxonomy(spec, rng)
    pool = _paragraph_pool(writer, agencies)
    span_minutes = max(1, int(spec.years * 365 * 24 * 60))
    # Publication times over the years, oldest first, so ids grow with time as in a newsroom.
    offsets = sorted((rng.randrange(30, span_minutes) for _ in range(spec.stories)), reverse=True)
    totals = {"stories": 0, "words": 0, "tag_links": 0, "bylines": 0}
    for start in range(0, spec.stories, spec.batch):
        chunk = offsets[start : start + spec.batch]
        with transaction.atomic():
            _insert_batch(
                rng,
                subjects,
                writer,
                pool,
                chunk,
                now,
                sections,
                tags,
                people,
                agencies,
                images,
                spec,
                totals,
            )
        if progress:
            progress(totals["stories"], spec.stories)
    rebuild_counts()
    with transaction.atomic():  # bulk inserts skip the change pipeline: index them once
        changes.bulk_changed(reason="generated corpus", everything=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return totals


def _taxonomy(spec, rng):
    with transaction.atomic():
        sections = []
        for index in range(spec.sections):
            name, text = words.SECTIONS[index % len(words.SECTIONS)]
            if index >= len(words.SECTIONS):
                name = f"{name} {index // len(words.SECTIONS) + 1}"
            sections.append(
                Section.objects.get_or_create(
                    slug=make_slug(name),
                    defaults={"name": name, "description": text, "order": index},
                )[0]
            )
        tags = []
        for index in range(spec.tags):
            name = words.TAGS[index % len(words.TAGS)]
            if index >= len(words.TAGS):
                name = f"{name} {index // len(words.TAGS) + 1}"
            tags.append(Tag.objects.get_or_create(slug=make_slug(name), defaults={"name": name})[0])
        people = []
        for index in range(spec.people):
            name, role = words.REPORTERS[index % len(words.REPORTERS)]
            if index >= len(words.REPORTERS):
                name = f"{name} {index // len(words.REPORTERS) + 1}"
            people.append(
                Person.objects.get_or_create(
                    slug=make_slug(name), defaults={"name": name, "role": role}
                )[0]
            )
        agencies = [
            Source.objects.get_or_create(slug=make_slug(name), defaults={"name": name, "url": url})[
                0
            ]
            for name, url in words.AGENCIES
        ]
        images = list(Image.objects.filter(title__startswith="Bench picture")[:PICTURES])
        for index in range(len(images), PICTURES):
            images.append(_picture(rng, index))
    return sections, tags, people, agencies, images


def _picture(rng, index) -> Image:
    buffer = io.BytesIO()
    color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    PILImage.new("RGB", (600, 400), color).save(buffer, "JPEG", quality=70)
    city = rng.choice(words.CITIES)
    image = Image(
        title=f"Bench picture {index + 1}",
        alt_text=f"A flat colour panel standing in for a photograph of {city}",
        caption=rng.choice(words.CAPTIONS).format(city=city),
        credit="Illustration: Newsdesk",
    )
    image.file.save(f"bench-{index + 1:03d}.jpg", ContentFile(buffer.getvalue()), save=False)
    image.width, image.height = 600, 400
    image.save()
    return image


def _paragraph_pool(writer, agencies) -> list[tuple[str, int]]:
    """(sanitized HTML, word count) paragraphs to assemble bodies from."""
    pool = []
    for _ in range(PARAGRAPH_POOL):
        city = writer.pick(words.CITIES)
        agency = writer.pick(agencies).name
        text = " ".join(writer.sentence(city, agency) for _ in range(writer.rng.randrange(2, 5)))
        pool.append((sanitize_html(f"<p>{escape(text, quote=False)}</p>"), len(text.split())))
    return pool


def _body(rng, pool, spec) -> tuple[str, int]:
    target = rng.randint(spec.min_words, spec.max_words)
    parts, count = [], 0
    while count < target:
        html, n = pool[rng.randrange(len(pool))]
        parts.append(html)
        count += n
    return "\n".join(parts), count


def _subject_paragraph(subjects) -> tuple[str, int]:
    subject = subjects.choices(words.TAGS, weights=SUBJECT_WEIGHTS)[0]
    text = f"{subject} remains at the centre of this story, and we will follow it."
    return f"<p>{escape(text, quote=False)}</p>", len(text.split())


def _insert_batch(
    rng,
    subjects,
    writer,
    pool,
    offsets,
    now,
    sections,
    tags,
    people,
    agencies,
    images,
    spec,
    totals,
):
    rows, extras = [], []
    for minutes in offsets:
        agency = rng.choice(agencies)
        copy = writer.story(agency.name)
        body, count = _body(rng, pool, spec)
        closing, closing_words = _subject_paragraph(subjects)
        body, count = f"{body}\n{closing}", count + closing_words
        published = now - timedelta(minutes=minutes)
        rows.append(
            Story(
                headline=copy.headline,
                slug=make_slug(copy.headline),
                standfirst=copy.standfirst,
                body=body,
                section=rng.choice(sections),
                featured_image=rng.choice(images) if rng.random() < 0.85 else None,
                status=Status.PUBLISHED,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
        extras.append(
            (
                agency,
                rng.sample(people, rng.choice((1, 1, 1, 2))),
                rng.sample(tags, rng.randrange(1, 4)),
            )
        )
        totals["words"] += count
    Story.objects.bulk_create(rows, batch_size=500)
    Story.sources.through.objects.bulk_create(
        [Story.sources.through(story=s, source=e[0]) for s, e in zip(rows, extras, strict=True)],
        batch_size=2000,
    )
    bylines = [
        Byline(story=s, person=p, position=i)
        for s, e in zip(rows, extras, strict=True)
        for i, p in enumerate(e[1])
    ]
    Byline.objects.bulk_create(bylines, batch_size=2000)
    links = [
        Story.tags.through(story=s, tag=t) for s, e in zip(rows, extras, strict=True) for t in e[2]
    ]
    Story.tags.through.objects.bulk_create(links, batch_size=2000)
    totals["stories"] += len(rows)
    totals["tag_links"] += len(links)
    totals["bylines"] += len(bylines)
