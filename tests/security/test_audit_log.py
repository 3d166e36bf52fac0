"""The audit log: who published, unpublished, deleted, changed roles or API keys, and when;
visible to admins, editable by no one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission

from newsdesk.audit.models import Action, AuditEvent
from newsdesk.content.models import Status, Story
from newsdesk.content.services import publishing, trash, workflow


@pytest.fixture
def desk_user(db, django_user_model):
    return django_user_model.objects.create_user("dana", password="pw-for-tests-123", is_staff=True)


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_publish_and_unpublish_are_recorded_with_who_and_when(
    newsroom, desk_user, django_capture_on_commit_callbacks
):
    story = newsroom.story("Quake", status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story, user=desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(story, user=desk_user)
    published, unpublished = events(Action.PUBLISHED), events(Action.UNPUBLISHED)
    assert len(published) == 1 and len(unpublished) == 1
    event = published[0]
    assert event.actor == desk_user and event.actor_name == "dana"
    assert event.object_type == "content.Story" and event.object_id == str(story.pk)
    assert event.object_repr == "Quake"
    assert event.at is not None


def test_trash_restore_and_hard_delete_are_recorded(
    newsroom, desk_user, django_capture_on_commit_callbacks
):
    desk_user.user_permissions.add(Permission.objects.get(codename="delete_story"))
    desk_user = type(desk_user).objects.get(pk=desk_user.pk)
    story = newsroom.story("Flood")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(story, desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        trash.restore(story, user=desk_user)
    assert [e.actor for e in events(Action.TRASHED)] == [desk_user]
    assert [e.actor for e in events(Action.RESTORED)] == [desk_user]
    story.refresh_from_db()
    # Trashing a live story also unpublishes it.
    assert len(events(Action.UNPUBLISHED)) == 1
    pk = story.pk
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(story, desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert trash.delete_for_good([Story.objects.get(pk=pk)], desk_user) == 1
    assert not Story.objects.filter(pk=pk).exists()
    deleted = events(Action.DELETED)
    assert len(deleted) == 1 and deleted[0].object_id == str(pk)
    assert deleted[0].detail["headline"] == "Flood" and deleted[0].object_repr == "Flood"
    assert deleted[0].actor == desk_user and deleted[0].object_type == "content.Story"


def test_role_changes_are_recorded_from_the_admin_with_the_acting_admin(client, editor, desk_user):
    client.force_login(editor)
    editors = Group.objects.create(name="Editors")
    response = client.post(
        f"/admin/auth/user/{desk_user.pk}/change/",
        {
            "username": "dana",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [editors.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = AuditEvent.objects.filter(
        action=Action.ROLE_CHANGED, object_id=str(desk_user.pk), actor__isnull=False
    )
    details = [e.detail for e in changes]
    assert {"flags": {"is_superuser": [False, True]}} in details
    assert {"added": ["Editors"]} in details
    assert all(e.actor == editor for e in changes)
    assert all(e.address == "127.0.0.1" for e in changes)


def test_permission_and_group_changes_in_code_are_recorded(desk_user):
    perm = Permission.objects.get(codename="publish_story")
    desk_user.user_permissions.add(perm)
    group = Group.objects.create(name="Publishers")
    group.permissions.add(perm)
    group.user_set.add(desk_user)
    desk_user.groups.clear()
    details = list(
        AuditEvent.objects.filter(action=Action.ROLE_CHANGED).values_list("detail", flat=True)
    )
    assert {"added": [str(perm)]} in details
    assert {"added": ["Publishers"]} in details
    assert {"removed": ["Publishers"]} in details
    # Events without a request are the system's.
    assert not AuditEvent.objects.exclude(actor_name="").exists()


def test_creating_staff_is_recorded_but_a_plain_edit_is_not(desk_user):
    created = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert created.detail == {
        "created": True,
        "is_staff": True,
        "is_superuser": False,
        "is_active": True,
    }
    desk_user.first_name = "Dana"
    desk_user.save()
    assert AuditEvent.objects.filter(action=Action.ROLE_CHANGED).count() == 1


def test_events_cannot_be_changed_or_deleted(newsroom, desk_user):
    story = newsroom.story()
    event = AuditEvent.objects.create(action=Action.PUBLISHED, object_type="content.Story")
    event.action = Action.UNPUBLISHED
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.DELETED)
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.PUBLISHED
    assert Story.objects.filter(pk=story.pk).exists()


def test_admins_see_the_log_read_only_and_others_do_not(client, editor, desk_user):
    event = AuditEvent.objects.create(
        action=Action.PUBLISHED, object_type="content.Story", object_repr="Visible headline"
    )
    client.force_login(editor)
    listing = client.get("/admin/audit/auditevent/")
    assert listing.status_code == 200
    assert "Visible headline" in listing.content.decode()
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    detail = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="action"' not in detail.content.decode()  # shown read-only, no input
    response = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()

    client.force_login(desk_user)  # staff, but not an admin
    assert client.get("/admin/audit/auditevent/").status_code == 403


def test_api_key_issue_change_and_revoke_are_recorded(desk_user):
    from newsdesk.api import keys
    from newsdesk.api.models import ApiKey

    key, _raw = keys.issue(desk_user, "mobile app", ApiKey.Scope.WRITE)
    key.name = "mobile app v2"
    key.save()
    keys.revoke(key)
    label = key._meta.label
    pk = key.pk
    key.delete()
    actions = list(
        AuditEvent.objects.filter(object_type=label, object_id=str(pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.API_KEY_CREATED,
        Action.API_KEY_CHANGED,
        Action.API_KEY_REVOKED,  # revoked: the key stays, unusable
        Action.API_KEY_REVOKED,  # deleted
    ]


def test_emptying_the_trash_records_each_story_and_never_deletes_a_live_one(
    newsroom, desk_user, django_capture_on_commit_callbacks
):
    desk_user.user_permissions.add(Permission.objects.get(codename="delete_story"))
    desk_user = type(desk_user).objects.get(pk=desk_user.pk)
    old, live = newsroom.story("Old flood"), newsroom.story("Live quake")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(old, desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert trash.delete_for_good([Story.objects.get(pk=live.pk)]) == 0
        assert trash.purge_expired(now=old.deleted_at + timedelta(days=31)) == 1
    assert Story.objects.filter(pk=live.pk).exists()
    assert not Story.objects.filter(pk=old.pk).exists()
    assert [(e.object_id, e.object_repr) for e in events(Action.DELETED)] == [
        (str(old.pk), "Old flood")
    ]
