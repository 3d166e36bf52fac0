import pytest
from django.contrib.auth.models import Group

from newsdesk.content.roles import ensure_roles


def make_user(django_user_model, name, group, **extra):
    ensure_roles()  # no-op after the migration; restores groups a transactional test flushed
    user = django_user_model.objects.create_user(
        name, f"{name}@example.org", "a-long-test-password", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def contributor(db, django_user_model):
    return make_user(django_user_model, "carla", "Contributor")


@pytest.fixture
def other_contributor(db, django_user_model):
    return make_user(django_user_model, "otto", "Contributor")


@pytest.fixture
def desk_editor(db, django_user_model):
    return make_user(django_user_model, "edna", "Editor")


@pytest.fixture
def desk_admin(db, django_user_model):
    return make_user(django_user_model, "ada", "Admin")


@pytest.fixture
def section(newsroom):
    return newsroom.section("World")
