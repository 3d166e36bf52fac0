"""Every role × every desk action, through real HTTP requests: allowed actions work,
forbidden ones are refused (403) and change nothing in the database."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Image, Person, Status, Story, StoryEvent
from tests.builders import jpeg_bytes

ROLES = ["Contributor", "Editor", "Admin"]
ALLOWED = {
    "create": {"Contributor", "Editor", "Admin"},
    "edit_own": {"Contributor", "Editor", "Admin"},
    "edit_others": {"Editor", "Admin"},
    "submit": {"Contributor", "Editor", "Admin"},
    "publish": {"Editor", "Admin"},
    "schedule": {"Editor", "Admin"},
    "unpublish": {"Editor", "Admin"},
    "delete": {"Editor", "Admin"},
    "upload_media": {"Contributor", "Editor", "Admin"},
    "add_person": {"Editor", "Admin"},
    "manage_users": {"Admin"},
}


def database_state():
    """Everything an action could change, to prove a refused one changed nothing."""
    return (
        list(Story.objects.order_by("pk").values()),
        StoryEvent.objects.count(),
        Image.objects.count(),
        sorted(User.objects.values_list("username", flat=True)),
        Person.objects.count(),
    )


def form_of(story, **changes):
    data = {
        "headline": story.headline,
        "standfirst": story.standfirst,
        "body": story.body,
        "kind": story.kind,
        "section": story.section_id,
        "language": story.language,
        "version": story.version,
    }
    return {**data, **changes}


@pytest.fixture
def setup(newsroom, django_user_model):
    from tests.desk.conftest import make_user

    section = newsroom.section("World")
    author = make_user(django_user_model, "author", "Contributor")
    others_draft = newsroom.story(
        "Someone else's draft", section=section, status=Status.DRAFT, created_by=author
    )
    in_review = newsroom.story(
        "Ready for review", section=section, status=Status.REVIEW, created_by=author
    )
    published = newsroom.story("Live story", section=section, created_by=author)
    return {"section": section, "draft": others_draft, "review": in_review, "live": published}


def perform(action, client, user, setup):
    """Run `action` as `user`; return (response, check) where check() proves it happened."""
    section = setup["section"]
    if action == "create":
        data = {"headline": "New", "body": "<p>x</p>", "kind": "article", "language": "en"}
        response = client.post(reverse("desk:story-create"), {**data, "section": section.pk})
        return response, lambda: Story.objects.filter(headline="New", created_by=user).exists()
    if action in ("edit_own", "submit"):
        own = Story.objects.create(
            headline="Mine", body="<p>b</p>", section=section, created_by=user
        )
        if action == "edit_own":
            url = reverse("desk:story-edit", args=[own.pk])
            response = client.post(url, form_of(own, headline="Mine, edited"))
            return response, lambda: Story.objects.get(pk=own.pk).headline == "Mine, edited"
        url = reverse("desk:story-transition", args=[own.pk])
        response = client.post(url, {"to_state": "review"})
        return response, lambda: Story.objects.get(pk=own.pk).status == Status.REVIEW
    if action == "edit_others":
        story = setup["draft"]
        url = reverse("desk:story-edit", args=[story.pk])
        response = client.post(url, form_of(story, headline="Changed by someone"))
        return response, lambda: Story.objects.get(pk=story.pk).headline == "Changed by someone"
    if action in ("publish", "schedule"):
        story = setup["review"]
        data = {"to_state": "published" if action == "publish" else "scheduled"}
        if action == "schedule":
            data["at"] = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(reverse("desk:story-transition", args=[story.pk]), data)
        return response, lambda: Story.objects.get(pk=story.pk).status == data["to_state"]
    if action == "unpublish":
        story = setup["live"]
        url = reverse("desk:story-transition", args=[story.pk])
        response = client.post(url, {"to_state": "unpublished"})
        return response, lambda: Story.objects.get(pk=story.pk).status == Status.UNPUBLISHED
    if action == "delete":
        story = setup["live"]
        response = client.post(reverse("desk:story-delete", args=[story.pk]))
        return response, lambda: Story.objects.get(pk=story.pk).deleted_at is not None
    if action == "upload_media":
        upload = SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")
        response = client.post(reverse("desk:media"), {"file": upload, "alt_text": "A photo"})
        return response, lambda: Image.objects.filter(alt_text="A photo").exists()
    if action == "add_person":
        response = client.post(reverse("desk:person-create"), {"name": "Nika Sadeghi"})
        return response, lambda: Person.objects.filter(name="Nika Sadeghi").exists()
    if action == "manage_users":
        response = client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "newhire",
                "password1": "a-long-Test-pass-42",
                "password2": "a-long-Test-pass-42",
                "usable_password": "true",
            },
        )
        return response, lambda: User.objects.filter(username="newhire").exists()
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_action(role, action, client, setup, django_user_model):
    from tests.desk.conftest import make_user

    user = make_user(django_user_model, f"{role.lower()}-user", role)
    client.force_login(user)
    if role in ALLOWED[action]:
        response, happened = perform(action, client, user, setup)
        assert response.status_code in (200, 302), response.content[:500]
        assert happened(), f"{role} should be able to {action}"
    else:
        before = database_state()
        response, happened = perform(action, client, user, setup)
        assert response.status_code == 403
        assert not happened()
        assert database_state() == before


def test_contributor_cannot_edit_own_story_once_submitted(client, setup, contributor):
    story = Story.objects.create(
        headline="Submitted",
        body="<p>b</p>",
        section=setup["section"],
        created_by=contributor,
        status=Status.REVIEW,
    )
    client.force_login(contributor)
    response = client.post(
        reverse("desk:story-edit", args=[story.pk]), form_of(story, headline="Sneaky")
    )
    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).headline == "Submitted"


def test_desk_pages_hide_actions_a_contributor_may_not_take(client, setup, contributor):
    story = Story.objects.create(
        headline="Mine", body="<p>b</p>", section=setup["section"], created_by=contributor
    )
    client.force_login(contributor)
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert "Submit for review" in page
    assert "Publish now" not in page
    assert "Move to trash" not in page
    listing = client.get(reverse("desk:story-list")).content.decode()
    assert "Mine" in listing
    assert "Someone else&#x27;s draft" not in listing and "Someone else's draft" not in listing
    assert "Needs review" not in listing


def test_anonymous_visitors_are_sent_to_log_in(client, setup):
    response = client.get(reverse("desk:story-list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
