import pytest
from django.contrib.auth.models import Group

from newsdesk.content.models import Kind
from newsdesk.content.roles import ensure_roles
from tests.localhttp import local_http  # noqa: F401  (a fixture for the webhook tests)


def staff(django_user_model, name, group):
    ensure_roles()
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def chief(db, django_user_model):
    return staff(django_user_model, "edna", "Editor")


@pytest.fixture
def writer(db, django_user_model):
    return staff(django_user_model, "carla", "Contributor")


@pytest.fixture
def blog(newsroom):
    return newsroom.story("Storm live", kind=Kind.LIVE, section=newsroom.section("World"))


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return settings.NEWSDESK_PAGE_CACHE_DIR
