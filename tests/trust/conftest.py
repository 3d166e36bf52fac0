from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Story
from newsdesk.content.services import workflow
from newsdesk.wire.models import ItemKind
from newsdesk.wire.services import ingest, queue

BODY = (
    "<p>Rescue teams reached the last of the villages cut off by the landslide on Sunday, "
    "three days after heavy rain sent mud and rocks across the only road into the valley.</p>"
    "<p>Officials said all 212 residents were safe and that helicopters had brought in food, "
    "water and medicine while engineers worked to clear the road.</p>"
)


@pytest.fixture
def agencies(newsroom):
    return {
        "IRNA": newsroom.source("IRNA", url="https://en.irna.ir/"),
        "ISNA": newsroom.source("ISNA", url="https://en.isna.ir/"),
    }


def wire_item(source, guid, headline, published, body=BODY, kind=ItemKind.FEED):
    return ingest.store_item(
        kind=kind,
        raw="<item/>",
        source=source,
        guid=guid,
        link=f"https://example.org/{guid}",
        headline=headline,
        body=body,
        published_at=published,
    )


@pytest.fixture
def sourced_story(agencies, editor, newsroom):
    """A story accepted from IRNA's copy, ISNA's copy merged in, then published."""
    first = timezone.now() - timedelta(hours=3)
    irna = wire_item(agencies["IRNA"], "irna-1", "Villages reached", first)
    isna = wire_item(
        agencies["ISNA"], "isna-1", "Rescuers reach valley", first + timedelta(minutes=27)
    )
    story = queue.accept(irna, editor)
    queue.merge(isna, story, editor)
    story.refresh_from_db()
    Story.objects.filter(pk=story.pk).update(section=newsroom.section("World"))
    story.refresh_from_db()
    workflow.transition(story, "published", editor)
    story.refresh_from_db()
    return story
