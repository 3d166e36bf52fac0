"""The demo newsroom reads as a newsroom: each story tells one event (headline, standfirst,
body and caption agree on the place), in a section that covers it, under varied pictures;
there are photo stories with galleries, corrections, and wire copy from several agencies
with near-duplicates waiting in the queue."""

import hashlib
from collections import Counter

import pytest

from newsdesk.content.demo.beats import BEATS
from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.models import Correction, Image, Kind, Status, Story
from newsdesk.wire.demo import queue_wire_items
from newsdesk.wire.models import WireItem

pytestmark = pytest.mark.django_db

CITIES_OF = {beat.section: set(beat.cities) for beat in BEATS}
ALL_CITIES = set().union(*CITIES_OF.values())


@pytest.fixture
def demo():
    return build_newsroom(stories=60, pictures=14, days=30, seed=11)


def cities_in(text: str) -> set[str]:
    return {city for city in ALL_CITIES if city in text}


def test_each_story_tells_one_event_in_its_own_sections_places(demo):
    stories = Story.objects.filter(status=Status.PUBLISHED).select_related("section")
    assert stories.count() == demo["stories"] == 60
    for story in stories:
        told = cities_in(story.headline + story.standfirst)
        assert len(told) == 1 and told <= CITIES_OF[story.section.name], story.headline
        (city,) = told
        assert cities_in(story.body) == {city}, story.headline
        if story.featured_image_id:
            assert cities_in(story.caption) == {city}, (story.headline, story.caption)


def test_pictures_are_varied_scenes(demo):
    images = list(Image.objects.all())
    digests = {hashlib.sha256(image.file.read()).hexdigest() for image in images}
    assert len(digests) == len(images) == demo["images"]  # no two pictures alike
    scenes = Counter(image.alt_text.split(" at ")[0] for image in images)
    assert len(scenes) >= 5


def test_photo_stories_galleries_and_corrections(demo):
    photo = Story.objects.filter(kind=Kind.PHOTO)
    assert photo.count() == demo["photo_stories"] >= 3
    for story in photo:
        items = list(story.gallery_items.select_related("image"))
        assert len(items) >= 5
        assert all(item.caption and item.image.alt_text for item in items)
    assert Correction.objects.count() == demo["corrections"] >= 2


def test_wire_queue_has_several_agencies_and_near_duplicates(demo):
    stored = queue_wire_items(count=12, duplicates=4)
    items = list(WireItem.objects.select_related("source"))
    assert stored == len(items) == 12
    assert len({item.source.name for item in items}) >= 3
    grouped = Counter(item.group_id for item in items if item.group_id)
    assert len(grouped) >= 4  # each retelling found beside its first telling
    assert all(
        len({item.source_id for item in items if item.group_id == group}) == 2 for group in grouped
    )
