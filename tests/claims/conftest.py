import pytest


@pytest.fixture
def immediate_tasks(settings):
    """Jobs run where they are enqueued, as the worker would run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


FIGURES = (
    "<p>Strikes killed 340 people, the Health Ministry said on Monday.</p>"
    "<p>Exports reached 2.1 million barrels a day, according to a report from IRNA.</p>"
)


@pytest.fixture
def desk_editor(db, django_user_model):
    from tests.desk.conftest import make_user

    return make_user(django_user_model, "edna", "Editor")
