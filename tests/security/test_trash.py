"""Deleting a story moves it to the trash; editors restore it within 30 days."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from newsdesk.content.models import Story
from newsdesk.content.services import workflow


@pytest.fixture
def desk_editor(db, django_user_model):
    user = django_user_model.objects.create_user("eve", password="pw-for-tests-123", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_story", "change_story", "delete_story"])
    )
    return user


def test_desk_delete_moves_story_to_trash_and_off_the_site(client, newsroom, desk_editor):
    story = newsroom.story("To be deleted", tags=[newsroom.tag("Keep me")])
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    workflow.trash(story, desk_editor)
    story.refresh_from_db()
    assert story.deleted_at is not None
    assert [t.name for t in story.tags.all()] == ["Keep me"]
    assert client.get(url).status_code == 404
    client.force_login(desk_editor)
    assert "To be deleted" in client.get("/admin/ops/trashedstory/").content.decode()
    # The admin never deletes for good: its delete page is refused.
    response = client.post(f"/admin/content/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code in (403, 302)
    assert Story.objects.filter(pk=story.pk).exists()


def test_editor_restores_from_trash_exactly(client, newsroom, desk_editor):
    story = newsroom.story("Back again", section=newsroom.section("World"))
    workflow.trash(story, desk_editor)
    client.force_login(desk_editor)
    response = client.post(
        "/admin/ops/trashedstory/",
        {"action": "restore_selected", "_selected_action": [story.pk]},
        follow=True,
    )
    assert "Restored 1 story." in response.content.decode()
    story.refresh_from_db()
    assert story.deleted_at is None and story.section.name == "World"
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_restore_refused_after_thirty_days_with_a_message(client, newsroom, desk_editor):
    story = newsroom.story("Too old")
    workflow.trash(story, desk_editor)
    Story.objects.filter(pk=story.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    client.force_login(desk_editor)
    response = client.post(
        "/admin/ops/trashedstory/",
        {"action": "restore_selected", "_selected_action": [story.pk]},
        follow=True,
    )
    assert "Too old to restore" in response.content.decode()
    story.refresh_from_db()
    assert story.deleted_at is not None


def test_staff_without_change_permission_cannot_see_or_restore_trash(
    client, newsroom, django_user_model, editor
):
    story = newsroom.story()
    workflow.trash(story, editor)
    user = django_user_model.objects.create_user("kim", password="pw-for-tests-123", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/ops/trashedstory/").status_code == 403
    response = client.post(
        "/admin/ops/trashedstory/", {"action": "restore_selected", "_selected_action": [story.pk]}
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.deleted_at is not None


def test_purge_command_deletes_only_expired_stories(newsroom, capsys, editor):
    fresh, old, live = newsroom.story("Fresh"), newsroom.story("Old"), newsroom.story("Live")
    workflow.trash(fresh, editor)
    workflow.trash(old, editor)
    Story.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=30, hours=1))
    call_command("purgetrash")
    assert "Purged 1 stories" in capsys.readouterr().out
    assert set(Story.objects.values_list("headline", flat=True)) == {"Fresh", "Live"}
    assert Story.objects.get(pk=live.pk).deleted_at is None
