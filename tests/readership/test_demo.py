"""The demo newsroom opens with a Most read box to show and related stories on its pages."""

import re

from django.core.management import call_command

from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.services.visibility import live_stories


def test_the_demo_has_reads_and_related_stories(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):  # the related job runs at once
        build_newsroom(stories=30, pictures=1, days=20, seed=3)
    call_command("demo_readership", verbosity=0)
    page = client.get("/most-read/").content.decode()
    day, week = (re.search(rf'id="most-read-{w}".*?</ol>', page, re.S)[0] for w in ("day", "week"))
    assert day.count("<li>") >= 5
    assert week.count("<li>") == 10
    story = live_stories().order_by("-published_at").first()
    assert 'class="related"' in client.get(story.get_absolute_url()).content.decode()
