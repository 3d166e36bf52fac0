"""Fill an empty database with a believable newsroom: sections, agencies, bylines, pictures
and a two-year archive of generated stories."""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from newsdesk.content import changes
from newsdesk.content.demo import words
from newsdesk.content.demo.images import draw_picture
from newsdesk.content.demo.writer import CopyWriter
from newsdesk.content.models import Byline, Image, Person, Section, Source, Status, Story, Tag
from newsdesk.content.text import make_slug, sanitize_html


def build_newsroom(
    stories: int = 650,
    pictures: int = 24,
    days: int = 730,
    seed: int = 2025,
    now=None,
    progress=None,
) -> dict:
    """Create the newsroom and `stories` published stories spread over `days` days."""
    rng = random.Random(seed)
    now = now or timezone.now()
    with transaction.atomic():
        sections = [
            Section.objects.get_or_create(
                slug=make_slug(name), defaults={"name": name, "description": text, "order": order}
            )[0]
            for order, (name, text) in enumerate(words.SECTIONS)
        ]
        agencies = [
            Source.objects.get_or_create(slug=make_slug(name), defaults={"name": name, "url": url})[
                0
            ]
            for name, url in words.AGENCIES
        ]
        people = [
            Person.objects.get_or_create(
                slug=make_slug(name),
                defaults={"name": name, "role": role, "bio": f"{name} is our {role.lower()}."},
            )[0]
            for name, role in words.REPORTERS
        ]
        tags = {
            name: Tag.objects.get_or_create(slug=make_slug(name), defaults={"name": name})[0]
            for name in words.TAGS
        }
        images = [_picture(rng, index) for index in range(pictures)]

    writer = CopyWriter(rng)
    created = 0
    for start in range(0, stories, 200):
        batch = min(200, stories - start)
        with transaction.atomic():
            _story_batch(rng, writer, batch, days, now, sections, agencies, people, tags, images)
        created += batch
        if progress:
            progress(created, stories)
    _add_workflow_examples(writer, sections, agencies, now)
    from newsdesk.content.services.pagecounts import rebuild_counts

    rebuild_counts()  # bulk inserts skip the signals that keep page counts
    with transaction.atomic():  # and the change pipeline: the index is rebuilt once
        changes.bulk_changed(reason="demo newsroom", everything=True)
    return {"stories": created, "sections": len(sections), "images": len(images)}


def _picture(rng: random.Random, index: int) -> Image:
    city = rng.choice(words.CITIES)
    image = Image(
        title=f"Demo picture {index + 1}",
        alt_text=f"An illustrated skyline of {city} at sunset",
        caption=rng.choice(words.CAPTIONS).format(city=city),
        credit=f"Illustration: {rng.choice(words.AGENCIES)[0]}",
    )
    image.file.save(
        f"demo-{index + 1:03d}.jpg", ContentFile(draw_picture(rng, 1200, 800)), save=False
    )
    image.save()
    return image


def _story_batch(rng, writer, count, days, now, sections, agencies, people, tags, images):
    rows, extras = [], []
    for _ in range(count):
        agency = rng.choice(agencies)
        copy = writer.story(agency.name)
        published = now - timedelta(minutes=rng.randrange(30, days * 24 * 60))
        rows.append(
            Story(
                headline=copy.headline,
                slug=make_slug(copy.headline),
                standfirst=copy.standfirst,
                body=sanitize_html(copy.body),
                section=rng.choice(sections),
                featured_image=rng.choice(images) if rng.random() < 0.85 else None,
                status=Status.PUBLISHED,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
        extras.append((agency, rng.sample(people, rng.choice([1, 1, 1, 2])), copy.tags))
    Story.objects.bulk_create(rows)
    Story.sources.through.objects.bulk_create(
        [
            Story.sources.through(story=s, source=a)
            for s, (a, _, _) in zip(rows, extras, strict=True)
        ]
    )
    Byline.objects.bulk_create(
        [
            Byline(story=s, person=p, position=i)
            for s, (_, ps, _) in zip(rows, extras, strict=True)
            for i, p in enumerate(ps)
        ]
    )
    Story.tags.through.objects.bulk_create(
        [
            Story.tags.through(story=s, tag=tags[t])
            for s, (_, _, ts) in zip(rows, extras, strict=True)
            for t in ts
        ]
    )


def _add_workflow_examples(writer, sections, agencies, now):
    """A draft, a story in review and a scheduled one, so the desk has something to do."""
    for status, when in [
        (Status.DRAFT, None),
        (Status.REVIEW, None),
        (Status.SCHEDULED, now + timedelta(hours=6)),
    ]:
        copy = writer.story(agencies[0].name)
        story = Story.objects.create(
            headline=copy.headline,
            standfirst=copy.standfirst,
            body=copy.body,
            section=sections[0],
            status=status,
            published_at=when,
        )
        story.sources.add(agencies[0])
