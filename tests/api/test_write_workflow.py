"""API state changes go through the desk's workflow: its permissions, preconditions, history."""

from django.contrib.auth.models import Group

from newsdesk.content.models import Status, Story, StoryEvent
from tests.api.helpers import bearer, key_for


def role_user(django_user_model, name, role):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw-long-enough-1")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return django_user_model.objects.get(pk=user.pk)


def move(client, story, raw_key, **data):
    return client.post(
        f"/api/stories/{story.pk}/transitions",
        data,
        content_type="application/json",
        **bearer(raw_key),
    )


def test_contributor_write_key_cannot_publish_but_can_submit(client, newsroom, django_user_model):
    contributor = role_user(django_user_model, "cont", "Contributor")
    raw = key_for(contributor)
    story = newsroom.story(
        "Mine", status=Status.DRAFT, section=newsroom.section(), created_by=contributor
    )

    response = move(client, story, raw, to="published")
    assert response.status_code == 403
    assert "may not move this story to published" in response.json()["detail"]
    story.refresh_from_db()
    assert story.status == Status.DRAFT and not StoryEvent.objects.exists()
    assert client.get(f"/api/stories/{story.pk}").status_code == 404

    response = move(client, story, raw, to="review", note="Ready for a look")
    assert response.status_code == 200 and response.json()["status"] == "review"
    event = StoryEvent.objects.get(story=story)
    assert (event.user, event.from_status, event.to_status, event.note) == (
        contributor,
        "draft",
        "review",
        "Ready for a look",
    )
    # Submitted, it is the editors' now: the desk's rule holds for the API too.
    response = client.patch(
        f"/api/stories/{story.pk}",
        {"headline": "Sneaky"},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 403 and "draft" in response.json()["detail"]
    story.refresh_from_db()
    assert story.headline == "Mine"


def test_publishing_an_unready_story_is_refused_naming_the_problem(
    client, newsroom, django_user_model
):
    raw = key_for(role_user(django_user_model, "ed", "Editor"))
    story = newsroom.story("No section", status=Status.DRAFT)

    response = move(client, story, raw, to="published")
    assert response.status_code == 422
    assert "A section is required." in response.json()["detail"]
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.published_at is None

    story.section = newsroom.section()
    story.featured_image = newsroom.image(alt_text="")
    story.save()
    response = move(client, story, raw, to="published")
    assert response.status_code == 422 and "alt text" in response.json()["detail"]
    assert Story.objects.get(pk=story.pk).status == Status.DRAFT

    response = move(client, story, raw, to="published", at="2000-01-01T00:00:00Z")
    assert response.status_code == 422


def test_editor_publish_records_history_and_wrong_state_is_a_conflict(
    client, newsroom, django_user_model
):
    editor = role_user(django_user_model, "ed", "Editor")
    raw = key_for(editor)
    story = newsroom.story("Ready", status=Status.DRAFT, section=newsroom.section())

    response = move(client, story, raw, to="published", note="Go")
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert client.get(f"/api/stories/{story.pk}").status_code == 200
    event = StoryEvent.objects.get(story=story)
    assert (event.user, event.to_status, event.note) == (editor, "published", "Go")

    response = move(client, story, raw, to="review")
    assert response.status_code == 409
    assert "published cannot be moved to in review" in response.json()["detail"].lower()
    response = move(client, story, raw, to="unpublished")
    assert response.status_code == 200
    response = move(client, story, raw, to="unpublished")
    assert response.status_code == 409
    assert list(
        StoryEvent.objects.filter(story=story).order_by("pk").values_list("to_status", flat=True)
    ) == ["published", "unpublished"]
