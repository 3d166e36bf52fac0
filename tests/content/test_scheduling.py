"""A scheduled story goes live by the clock alone; the worker, when it runs, announces it."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.content.models import Status
from newsdesk.content.roles import ensure_roles
from newsdesk.content.services import workflow


@pytest.fixture
def editor_user(django_user_model):
    ensure_roles()  # transactional tests flush the migration's groups
    user = django_user_model.objects.create_user("ed", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def announcements(heard_changes):
    """Ids of the stories readers were told so far were published."""
    return lambda: [c.story.pk for c in heard_changes if c.reader_event == "published"]


# Real transactions: the worker commits and closes connections as it would in production.
@pytest.mark.django_db(transaction=True)
def test_scheduled_story_appears_at_its_time_without_any_worker(
    client, newsroom, editor_user, announcements, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0)
    at = start + timedelta(hours=2)
    story = newsroom.story("Embargoed budget", section=newsroom.section(), status=Status.DRAFT)
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.transition(story, "scheduled", editor_user, at=at)
        assert client.get(story.get_absolute_url()).status_code == 404
        assert "Embargoed budget" not in client.get("/").content.decode()
    assert announcements() == []

    # The worker queue holds the announcement for the story's time.
    queued = DBTaskResult.objects.get(task_path="newsdesk.content.tasks.announce_scheduled_story")
    assert queued.run_after == at

    # Nobody ran anything; the clock moves past the embargo and readers see the story.
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        page = client.get(story.get_absolute_url())
        assert page.status_code == 200
        assert "Embargoed budget" in client.get("/").content.decode()
        assert announcements() == []

        # The worker, when it runs, announces it published once, and only once.
        with django_capture_on_commit_callbacks(execute=True):
            call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        assert announcements() == [story.pk]
        story.refresh_from_db()
        assert story.status == Status.PUBLISHED
        with django_capture_on_commit_callbacks(execute=True):
            assert workflow.publishing.announce_scheduled(story.pk) is False
        assert announcements() == [story.pk]


def test_worker_before_the_time_does_nothing(
    newsroom, editor_user, announcements, django_capture_on_commit_callbacks
):
    story = newsroom.story("Later", section=newsroom.section(), status=Status.DRAFT)
    at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(story, "scheduled", editor_user, at=at)
    # Rescheduled later: the first announcement comes too early and must stay silent.
    assert workflow.publishing.announce_scheduled(story.pk) is False
    story.refresh_from_db()
    assert story.status == Status.SCHEDULED
    assert announcements() == []
