"""The demo's desk opens mid-shift: one story made from agency copy and updated from a
second agency's version, shown beside it."""

import pytest
from django.urls import reverse

from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.models import Status
from newsdesk.wire.demo import queue_wire_items
from newsdesk.wire.demo_updates import story_with_an_update
from newsdesk.wire.models import ItemStatus, WireItem

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_story_from_the_wire_with_an_update_beside_it(client, editor):
    build_newsroom(stories=12, pictures=4, days=5, seed=3)
    queue_wire_items(count=6, duplicates=2)
    assert story_with_an_update() == 1
    accepted = WireItem.objects.get(status=ItemStatus.ACCEPTED)
    update = WireItem.objects.get(status=ItemStatus.MERGED)
    story = accepted.story
    assert update.story == story and story.status == Status.DRAFT
    assert set(story.sources.all()) == {accepted.source, update.source}
    client.force_login(editor)
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    copy = page.split('id="agency-heading"')[1].split("</section>")[0]
    assert update.headline in copy and 'id="agency-diff"' in copy
