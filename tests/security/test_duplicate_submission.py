"""The same form sent twice (a double click, a browser resending): one story, and the
second send is told what happened. Through the desk's real views and the real database."""

import re

import pytest
from django.urls import reverse

from newsdesk.content.models import Revision, Source, Story
from newsdesk.ops.models import FormSubmission
from newsdesk.wire.models import ItemKind, WireItem
from newsdesk.wire.services.ingest import store_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def new_story_form(desk, **fields):
    """The create form as the desk serves it, hidden fields included, filled in."""
    page = desk.get(reverse("desk:story-create")).content.decode()
    token = re.search(r'<input type="hidden" name="submission" value="([^"]+)"', page)
    assert token, "the create form carries a one-use token"
    data = {
        "headline": "Floods reach the capital",
        "standfirst": "Rivers burst their banks.",
        "body": "<p>The water rose.</p>",
        "kind": "article",
        "language": "en-us",
        "featured_caption": "",
        "source_url": "",
        "submission": token.group(1),
    }
    return {**data, **fields}


def test_create_form_sent_twice_makes_one_story(desk):
    data = new_story_form(desk)
    first = desk.post(reverse("desk:story-create"), data)
    second = desk.post(reverse("desk:story-create"), data, follow=True)
    story = Story.objects.get()
    assert first["Location"] == reverse("desk:story-edit", args=[story.pk])
    assert second.redirect_chain[-1][0] == first["Location"]
    html = second.content.decode()
    assert "This form was already sent" in html and "Floods reach the capital" in html
    assert story.revisions.count() == 1
    assert FormSubmission.objects.get().object_id == story.pk


def test_each_form_has_its_own_token(desk):
    one, two = new_story_form(desk), new_story_form(desk, headline="Second story")
    assert one["submission"] != two["submission"]
    desk.post(reverse("desk:story-create"), one)
    page = desk.post(reverse("desk:story-create"), two, follow=True).content.decode()
    assert "Story created." in page
    assert sorted(Story.objects.values_list("headline", flat=True)) == [
        "Floods reach the capital",
        "Second story",
    ]


def test_a_refused_form_keeps_its_token_for_the_corrected_send(desk):
    data = new_story_form(desk, headline="")
    page = desk.post(reverse("desk:story-create"), data).content.decode()
    assert f'value="{data["submission"]}"' in page and Story.objects.count() == 0
    assert FormSubmission.objects.count() == 0
    desk.post(reverse("desk:story-create"), {**data, "headline": "Fixed"})
    assert Story.objects.get().headline == "Fixed"


def test_another_users_token_is_not_theirs(desk, django_user_model, client):
    data = new_story_form(desk)
    desk.post(reverse("desk:story-create"), data)
    other = django_user_model.objects.create_user(
        "other", password="a-long-test-password", is_staff=True, is_superuser=True
    )
    client.force_login(other)
    client.post(reverse("desk:story-create"), {**data, "headline": "Other's story"})
    assert Story.objects.count() == 2  # no peeking at someone else's story through a token


def test_save_sent_twice_stores_one_revision(desk):
    desk.post(reverse("desk:story-create"), new_story_form(desk))
    story = Story.objects.get()
    edit = reverse("desk:story-edit", args=[story.pk])
    data = new_story_form(desk, headline="Floods reach the city", version=story.version)
    del data["submission"]
    assert desk.post(edit, data).status_code == 302
    second = desk.post(edit, data, follow=True)
    assert "Already saved: this form was sent twice." in second.content.decode()
    story.refresh_from_db()
    assert story.version == 2 and Revision.objects.filter(story=story).count() == 2


def test_wire_accept_sent_twice_makes_one_story(desk):
    source = Source.objects.create(name="AFP", url="https://afp.example/")
    item = store_item(kind=ItemKind.FEED, raw="r", source=source, guid="g1", headline="Wire")
    first = desk.post(f"/desk/wire/{item.pk}/accept/")
    second = desk.post(f"/desk/wire/{item.pk}/accept/", follow=True)
    assert first.status_code == 302
    assert "already accepted" in second.content.decode()
    assert Story.objects.count() == 1 and WireItem.objects.get().story is not None
