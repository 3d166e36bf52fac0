"""A shared preview link can be withdrawn, and dies when the story is unpublished."""

import re

from django.urls import reverse

from newsdesk.content.models import Status
from newsdesk.content.services import workflow


def make_link(client, story) -> str:
    response = client.post(reverse("desk:preview-link", args=[story.pk]), follow=True)
    return re.search(r"http://testserver(/desk/preview/[^ <]+/)", response.text).group(1)


def test_withdrawn_links_stop_and_new_ones_work(client, newsroom, desk_editor):
    story = newsroom.story("Embargoed report", section=newsroom.section(), status=Status.DRAFT)
    client.force_login(desk_editor)
    old = make_link(client, story)
    client.post(reverse("desk:revoke-preview-links", args=[story.pk]))
    new = make_link(client, story)
    client.logout()
    withdrawn = client.get(old)
    assert withdrawn.status_code == 403 and "withdrawn" in withdrawn.text
    assert client.get(new).status_code == 200


def test_link_dies_when_the_story_is_unpublished(client, newsroom, desk_editor):
    story = newsroom.story("Out then back", section=newsroom.section())
    client.force_login(desk_editor)
    link = make_link(client, story)
    workflow.transition(story, Status.UNPUBLISHED, desk_editor)
    client.logout()
    assert client.get(link).status_code == 403
