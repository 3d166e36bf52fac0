"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL
points at one (pytest-django creates and drops the test database)."""

import os

import pytest

from tests.builders import NewsroomBuilder
from tests.clock import start_test_clock
from tests.live_requests import track


def pytest_configure(config):
    start_test_clock()


def pytest_collection_modifyitems(config, items):
    """Tests marked `own_site` start Newsdesk on a SQLite data directory of their own,
    whatever DATABASE_URL says: the PostgreSQL run would repeat them exactly."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    repeated = pytest.mark.skip(reason="runs its own SQLite site: the SQLite run covers it")
    for item in items:
        if item.get_closest_marker("own_site"):
            item.add_marker(repeated)


def pytest_report_header(config):
    from tests.clock import describe_test_clock

    return describe_test_clock()


@pytest.fixture
def live_server(live_server, transactional_db):
    """pytest-django's live server; after the test, its last requests are let finish before
    the test database is emptied (tests/live_requests.py)."""
    requests = track(live_server)
    yield live_server
    requests.wait_quiet()


@pytest.fixture
def clean_env(tmp_path):
    """The environment of a fresh `newsdesk` process: no test settings, its own data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DJANGO_"))}
    env.pop("SECRET_KEY", None)
    env.pop("DATABASE_URL", None)
    env["NEWSDESK_DATA_DIR"] = str(tmp_path / "data")
    return env


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Cached page files would outlive each test's database; tests/perf switch it on."""
    settings.NEWSDESK_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def heard_changes(settings):
    """Every change the pipeline dispatches during the test, as subscribers get it."""
    from tests import changes_heard

    changes_heard.heard.clear()
    settings.NEWSDESK_CHANGE_SUBSCRIBERS = [
        *settings.NEWSDESK_CHANGE_SUBSCRIBERS,
        "tests.changes_heard.record",
    ]
    yield changes_heard.heard
    changes_heard.heard.clear()


@pytest.fixture
def newsroom(db):
    """A builder for sections, people, sources and stories (see tests/builders.py)."""
    return NewsroomBuilder()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True, is_superuser=True
    )
