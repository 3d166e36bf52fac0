"""Build content for tests through the real models (no mocks), with sensible defaults."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from newsdesk.content.models import Byline, Image, Person, Section, Source, Status, Story, Tag
from newsdesk.content.services import pagecounts
from newsdesk.search.backends import backend_for

_counter = itertools.count(1)


def jpeg_bytes(width=64, height=48, color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


class NewsroomBuilder:
    def section(self, name=None, **fields) -> Section:
        name = name or f"Section {next(_counter)}"
        return Section.objects.create(name=name, **fields)

    def tag(self, name=None) -> Tag:
        return Tag.objects.create(name=name or f"Tag {next(_counter)}")

    def person(self, name=None, **fields) -> Person:
        return Person.objects.create(name=name or f"Reporter {next(_counter)}", **fields)

    def source(self, name=None, **fields) -> Source:
        return Source.objects.create(name=name or f"Agency {next(_counter)}", **fields)

    def image(
        self, alt_text="A red square", caption="A caption", credit="Photo: Test", **fields
    ) -> Image:
        image = Image(alt_text=alt_text, caption=caption, credit=credit, **fields)
        image.file.save(f"test-{next(_counter)}.jpg", ContentFile(jpeg_bytes()), save=False)
        image.save()
        return image

    def story(
        self,
        headline=None,
        *,
        section=None,
        status=Status.PUBLISHED,
        published_at=None,
        tags=(),
        bylines=(),
        sources=(),
        **fields,
    ) -> Story:
        if published_at is None and status in (Status.PUBLISHED, Status.SCHEDULED):
            published_at = timezone.now() - timedelta(minutes=next(_counter))
        story = Story.objects.create(
            headline=headline or f"Story number {next(_counter)}",
            body=fields.pop("body", "<p>Body text of the story.</p>"),
            section=section,
            status=status,
            published_at=published_at,
            **fields,
        )
        if published_at:
            Story.objects.filter(pk=story.pk).update(updated_at=published_at)
            story.updated_at = published_at
        story.tags.set(tags)
        story.sources.set(sources)
        for position, person in enumerate(bylines):
            Byline.objects.create(story=story, person=person, position=position)
        # Written straight to the tables, as an import or a restore would be: counted as
        # `recount-pages` and indexed as `search-rebuild` would.
        pagecounts.recount(pagecounts.pairs_of_stories([story.pk]))
        backend_for().reindex([story.pk])
        return story

    def archive(self, count, section=None, start=None) -> list[Story]:
        """`count` published stories, one hour apart, newest first by index 0."""
        start = start or timezone.now() - timedelta(minutes=5)
        return [
            self.story(
                f"Archive story {i + 1}", section=section, published_at=start - timedelta(hours=i)
            )
            for i in range(count)
        ]
