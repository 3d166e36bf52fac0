"""The role × action matrix over the write paths of the desk, the admin and the API: each
forbidden action is refused and the database is left exactly as it was; a control cell
per path shows the same request succeeds for a role that may do it."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from newsdesk.api import keys
from newsdesk.api.models import ApiKey
from newsdesk.content.models import Status, Story
from newsdesk.content.roles import ensure_roles

PASSWORD = "pw-long-enough-1"
REFUSED = {302, 401, 403, 404, 405}


@pytest.fixture
def people(db, django_user_model):
    ensure_roles()
    users = {}
    for name in ["contributor", "editor", "admin"]:
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=name.title()))
        users[name] = django_user_model.objects.get(pk=user.pk)
    return users


def client_for(role, people):
    client = Client()
    if role in people:
        client.force_login(people[role])
    return client


def api_client(people, role, scope):
    raw = keys.issue(people[role], f"{role} {scope}", scope)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def database_state():
    from django.contrib.auth import get_user_model

    stories = list(Story.objects.order_by("pk").values())
    users = list(get_user_model().objects.order_by("pk").values("pk", "is_staff", "is_superuser"))
    groups = list(get_user_model().groups.through.objects.order_by("pk").values())
    return stories, users, groups, ApiKey.objects.count()


def desk_actions(story):
    return {
        "desk publish": (f"/desk/stories/{story.pk}/state/", {"to_state": "published"}),
        "desk delete": (f"/desk/stories/{story.pk}/delete/", {"note": "x"}),
        "desk edit": (
            f"/desk/stories/{story.pk}/",
            {"headline": "Hijacked", "version": story.version},
        ),
    }


# (role, action) pairs that must be refused; role "anonymous" has no login.
DESK_FORBIDDEN = [
    ("anonymous", "desk publish"),
    ("anonymous", "desk delete"),
    ("anonymous", "desk edit"),
    ("contributor", "desk publish"),
    ("contributor", "desk delete"),
    ("contributor", "desk edit"),  # someone else's story
]


@pytest.mark.parametrize("role,action", DESK_FORBIDDEN)
def test_desk_refuses(people, newsroom, role, action):
    story = newsroom.story(
        "Someone else's",
        section=newsroom.section(),
        status=Status.REVIEW,
        created_by=people["editor"],
    )
    url, data = desk_actions(story)[action]
    before = database_state()
    response = client_for(role, people).post(url, data)
    assert response.status_code in REFUSED, (role, action, response.status_code)
    assert database_state() == before


def test_desk_control_editor_may_publish(people, newsroom):
    story = newsroom.story(
        "Ready", section=newsroom.section(), status=Status.REVIEW, created_by=people["contributor"]
    )
    url, data = desk_actions(story)["desk publish"]
    client_for("editor", people).post(url, data)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


ADMIN_FORBIDDEN = [
    ("anonymous", "make self superuser"),
    ("contributor", "make self superuser"),
    ("editor", "make self superuser"),
    ("anonymous", "add story"),
    ("contributor", "delete audit event"),
    ("editor", "delete audit event"),
    ("admin", "delete audit event"),
]


@pytest.mark.parametrize("role,action", ADMIN_FORBIDDEN)
def test_admin_refuses(people, role, action):
    from newsdesk.audit.models import AuditEvent

    event = AuditEvent.objects.create(action="published", object_type="content.Story")
    target = people.get(role, people["contributor"])
    requests = {
        "make self superuser": (
            f"/admin/auth/user/{target.pk}/change/",
            {"username": target.username, "is_staff": "on", "is_superuser": "on",
             "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"},
        ),
        "add story": ("/admin/content/story/add/", {"headline": "Sneaky", "status": "published"}),
        "delete audit event": (f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}),
    }  # fmt: skip
    url, data = requests[action]
    before = database_state(), AuditEvent.objects.count()
    response = client_for(role, people).post(url, data)
    assert response.status_code in REFUSED, (role, action, response.status_code)
    assert (database_state(), AuditEvent.objects.count()) == before


API_FORBIDDEN = [
    ("anonymous", "create"),
    ("anonymous", "publish"),
    ("editor read key", "create"),
    ("editor read key", "publish"),
    ("editor read key", "edit"),
    ("contributor write key", "publish"),
    ("contributor write key", "edit"),  # someone else's story
]


def api_request(client, action, story):
    if action == "create":
        return client.post("/api/stories", {"headline": "Via API"}, content_type="application/json")
    if action == "publish":
        return client.post(
            f"/api/stories/{story.pk}/transitions", {"to": "published"},
            content_type="application/json",
        )  # fmt: skip
    return client.patch(
        f"/api/stories/{story.pk}", {"headline": "Hijacked"}, content_type="application/json"
    )


@pytest.mark.parametrize("who,action", API_FORBIDDEN)
def test_api_refuses(people, newsroom, who, action):
    story = newsroom.story(
        "Theirs", section=newsroom.section(), status=Status.REVIEW, created_by=people["editor"]
    )
    if who == "anonymous":
        client = Client()
    else:
        role, scope = who.split()[0], who.split()[1]
        client = api_client(people, role, scope)
    before = database_state()
    response = api_request(client, action, story)
    assert response.status_code in REFUSED, (who, action, response.status_code)
    assert database_state() == before


def test_api_control_editor_write_key_may_publish(people, newsroom):
    story = newsroom.story(
        "Theirs", section=newsroom.section(), status=Status.REVIEW, created_by=people["contributor"]
    )
    response = api_request(api_client(people, "editor", "write"), "publish", story)
    assert response.status_code == 200, response.content
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


MATRIX_CELLS = len(DESK_FORBIDDEN) + len(ADMIN_FORBIDDEN) + len(API_FORBIDDEN) + 2
