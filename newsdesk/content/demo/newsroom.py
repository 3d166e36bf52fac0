"""Fill an empty database with a believable newsroom: sections, agencies, bylines, pictures
and a two-year archive of generated stories, each written from its section's beat
(beats.py), a few of them photo stories with galleries, some corrected."""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from newsdesk.content import changes
from newsdesk.content.demo import words
from newsdesk.content.demo.beats import BEATS, CORRECTIONS, Beat
from newsdesk.content.demo.editions import build_editions
from newsdesk.content.demo.reporter import Reporter
from newsdesk.content.demo.scenes import draw_scene
from newsdesk.content.models import (
    Byline,
    Correction,
    GalleryItem,
    Image,
    Kind,
    Person,
    Section,
    Source,
    Status,
    Story,
    Tag,
)
from newsdesk.content.text import make_slug, sanitize_html

BEAT_OF = {beat.section: beat for beat in BEATS}
# (section, scene): a photo story for each, with pictures of its own.
PHOTO_STORIES = (("Sport", "stadium"), ("Business", "harbour"), ("Culture", "stage"))
GALLERY_SIZE = 5


def build_newsroom(
    stories: int = 650,
    pictures: int = 24,
    days: int = 730,
    seed: int = 2025,
    now=None,
    progress=None,
) -> dict:
    """Create the newsroom and `stories` published stories spread over `days` days, a few
    of them photo stories (one in ten at most); `pictures` pictures are drawn for the
    other stories to share."""
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
        pool = _picture_pool(rng, pictures)

    reporter = Reporter(rng)
    beats = [(section, BEAT_OF[section.name]) for section in sections if section.name in BEAT_OF]
    photo_wanted = PHOTO_STORIES[: stories // 10]
    articles = stories - len(photo_wanted)
    created = 0
    for start in range(0, articles, 200):
        batch = min(200, articles - start)
        with transaction.atomic():
            _story_batch(rng, reporter, batch, days, now, beats, agencies, people, tags, pool)
        created += batch
        if progress:
            progress(created, stories)
    with transaction.atomic():
        photo_stories = _photo_stories(rng, reporter, now, beats, agencies, people, photo_wanted)
        corrected = _corrections(rng, now)
    if progress:
        progress(created + photo_stories, stories)
    _add_workflow_examples(reporter, beats[0], agencies, now)
    other_editions = build_editions(rng, now, days, stories=max(20, stories // 8))
    from newsdesk.content.services.pagecounts import rebuild_counts

    rebuild_counts()  # bulk inserts skip the services that keep page counts
    with transaction.atomic():  # and the change pipeline: the index is rebuilt once
        changes.bulk_changed(reason="demo newsroom", everything=True)
    return {
        "stories": created + photo_stories,
        "other_editions": other_editions,
        "sections": len(sections),
        "images": sum(len(images) for images in pool.values()) + photo_stories * GALLERY_SIZE,
        "photo_stories": photo_stories,
        "corrections": corrected,
    }


def _image(rng: random.Random, scene: str, title: str) -> Image:
    data, alt_text = draw_scene(rng, scene)
    image = Image(
        title=title, alt_text=alt_text, credit=f"Illustration: {rng.choice(words.AGENCIES)[0]}"
    )
    image.file.save(f"{make_slug(title)[:60]}.jpg", ContentFile(data), save=False)
    image.save()
    return image


def _picture_pool(rng: random.Random, count: int) -> dict[str, list[Image]]:
    """`count` pictures, shared out among the scenes the beats show, one scene in turn."""
    scenes = sorted({event.scene for beat in BEATS for event in beat.events})
    pool: dict[str, list[Image]] = {scene: [] for scene in scenes}
    for index in range(count):
        scene = scenes[index % len(scenes)]
        pool[scene].append(_image(rng, scene, f"Demo picture {index + 1} {scene}"))
    return pool


def _story_batch(rng, reporter, count, days, now, beats, agencies, people, tags, pool):
    rows, extras = [], []
    for _ in range(count):
        agency = rng.choice(agencies)
        section, beat = rng.choice(beats)
        copy = reporter.story(beat, agency.name)
        published = now - timedelta(minutes=rng.randrange(30, days * 24 * 60))
        pictures = pool.get(copy.scene)
        picture = rng.choice(pictures) if pictures and rng.random() < 0.85 else None
        rows.append(
            Story(
                headline=copy.headline,
                slug=make_slug(copy.headline),
                standfirst=copy.standfirst,
                body=sanitize_html(copy.body),
                section=section,
                featured_image=picture,
                featured_caption=copy.caption if picture else "",
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
            if t in tags
        ]
    )


def _photo_stories(rng, reporter, now, beats, agencies, people, photo_wanted) -> int:
    """A photo story for each of `photo_wanted`: pictures of its own, each captioned."""
    made = 0
    wanted = dict(photo_wanted)
    for section, beat in beats:
        scene = wanted.get(section.name)
        if scene is None:
            continue
        events = tuple(event for event in beat.events if event.scene == scene)
        agency = rng.choice(agencies)
        copy = reporter.story(
            Beat(beat.section, beat.cities, beat.actors, events, beat.quotes), agency.name
        )
        pictures = [
            _image(rng, scene, f"{section.name} gallery {n + 1}") for n in range(GALLERY_SIZE)
        ]
        published = now - timedelta(hours=rng.randrange(2, 48))
        story = Story.objects.create(
            headline=f"In pictures: {copy.headline[0].lower()}{copy.headline[1:]}",
            standfirst=copy.standfirst,
            body=sanitize_html(copy.body),
            section=section,
            kind=Kind.PHOTO,
            featured_image=pictures[0],
            featured_caption=copy.caption,
            status=Status.PUBLISHED,
            published_at=published,
            created_at=published,
            updated_at=published,
        )
        story.sources.add(agency)
        Byline.objects.create(story=story, person=rng.choice(people), position=0)
        GalleryItem.objects.bulk_create(
            GalleryItem(
                story=story,
                image=picture,
                position=position,
                caption=f"{copy.caption} ({position + 1} of {len(pictures)})",
            )
            for position, picture in enumerate(pictures)
        )
        made += 1
    return made


def _corrections(rng, now) -> int:
    """Notes on about one story in thirty: corrections and updates, after publication."""
    stories = list(Story.objects.filter(status=Status.PUBLISHED).values_list("pk", "published_at"))
    chosen = rng.sample(stories, max(1, len(stories) // 30)) if stories else []
    notes = []
    for pk, published in chosen:
        kind, text = rng.choice(CORRECTIONS)
        when = min(now, published + timedelta(hours=rng.randrange(1, 30)))
        notes.append(Correction(story_id=pk, kind=kind, text=text, created_at=when))
    Correction.objects.bulk_create(notes)
    return len(notes)


def _add_workflow_examples(reporter, section_and_beat, agencies, now):
    """A draft, a story in review and a scheduled one, so the desk has something to do."""
    section, beat = section_and_beat
    for status, when in [
        (Status.DRAFT, None),
        (Status.REVIEW, None),
        (Status.SCHEDULED, now + timedelta(hours=6)),
    ]:
        copy = reporter.story(beat, agencies[0].name)
        story = Story.objects.create(
            headline=copy.headline,
            standfirst=copy.standfirst,
            body=sanitize_html(copy.body),
            section=section,
            status=status,
            published_at=when,
        )
        story.sources.add(agencies[0])
