"""The workflow service: permissions, preconditions, history, and changes told once."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsdesk.content.models import Status, Story
from newsdesk.content.services import workflow


@pytest.fixture
def people(django_user_model):
    def user(name, group):
        u = django_user_model.objects.create_user(name, is_staff=True)
        u.groups.add(Group.objects.get(name=group))
        return django_user_model.objects.get(pk=u.pk)  # fresh permission cache

    return {"writer": user("writer", "Contributor"), "editor": user("ed", "Editor")}


@pytest.fixture
def heard(heard_changes):
    """What readers were told so far, story by story: published / unpublished / updated."""
    return lambda: [(c.reader_event, c.story.pk) for c in heard_changes if c.reader_event]


def draft(newsroom, people, **fields):
    defaults = {
        "section": newsroom.section(),
        "status": Status.DRAFT,
        "created_by": people["writer"],
    }
    return newsroom.story("A draft", **{**defaults, **fields})


def test_full_path_records_who_when_and_note(
    newsroom, people, heard, django_capture_on_commit_callbacks
):
    story = draft(newsroom, people)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(story, "review", people["writer"], note="Ready")
        workflow.transition(story, "published", people["editor"], note="Good")
        workflow.transition(story, "unpublished", people["editor"], note="Legal asked")
    events = list(
        story.events.order_by("at", "id").values_list(
            "from_status", "to_status", "note", "user__username"
        )
    )
    assert events == [
        ("draft", "review", "Ready", "writer"),
        ("review", "published", "Good", "ed"),
        ("published", "unpublished", "Legal asked", "ed"),
    ]
    assert heard() == [("published", story.pk), ("unpublished", story.pk)]


def test_contributor_cannot_publish(newsroom, people):
    story = draft(newsroom, people)
    with pytest.raises(PermissionDenied):
        workflow.transition(story, "published", people["writer"])
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert not story.events.exists()


@pytest.mark.parametrize(
    "fields, problem",
    [
        ({"headline": "   "}, "A headline is required."),
        ({"body": "<p> </p>"}, "A body is required."),
        ({"section": None}, "A section is required."),
    ],
)
def test_publishing_needs_headline_body_section(newsroom, people, fields, problem):
    story = draft(newsroom, people)
    Story.objects.filter(pk=story.pk).update(**fields)
    story.refresh_from_db()
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.transition(story, "published", people["editor"])
    assert problem in error.value.messages
    assert Story.objects.get(pk=story.pk).status == Status.DRAFT


def test_publishing_needs_alt_text_on_every_picture(newsroom, people):
    story = draft(newsroom, people, featured_image=newsroom.image(alt_text=""))
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.transition(story, "published", people["editor"])
    assert "1 picture needs alt text before publication." in error.value.messages
    story.featured_image.alt_text = "Protesters in the square"
    story.featured_image.save()
    workflow.transition(story, "published", people["editor"])
    assert Story.objects.get(pk=story.pk).is_live


def test_impossible_moves_are_refused_clearly(newsroom, people):
    story = draft(newsroom, people)
    with pytest.raises(workflow.WorkflowError, match="cannot be moved to unpublished"):
        workflow.transition(story, "unpublished", people["editor"])
    with pytest.raises(workflow.WorkflowError, match="future"):
        workflow.transition(
            story, "scheduled", people["editor"], at=timezone.now() - timedelta(hours=1)
        )


def test_trash_takes_a_live_story_off_the_site(
    newsroom, people, heard, django_capture_on_commit_callbacks
):
    story = newsroom.story("Live", section=newsroom.section())
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(story, people["editor"])
    assert heard() == [("unpublished", story.pk)]
    with pytest.raises(PermissionDenied):
        workflow.trash(newsroom.story("Other"), people["writer"])


def test_publishing_a_scheduled_story_whose_time_came_announces_once(
    newsroom, people, heard, django_capture_on_commit_callbacks
):
    story = newsroom.story(
        "Was scheduled",
        section=newsroom.section(),
        status=Status.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(story, "published", people["editor"])
        workflow.publishing.announce_scheduled(story.pk)  # a late worker finds nothing to do
    assert heard() == [("published", story.pk)]
    assert Story.objects.get(pk=story.pk).status == Status.PUBLISHED


def test_embed_placeholder_survives_a_round_trip_through_the_editor():
    from newsdesk.content.embeds import mark_embeds
    from newsdesk.content.text import sanitize_html

    stored = sanitize_html(mark_embeds("<p>https://youtu.be/dQw4w9WgXcQ</p>"))
    # The editor has no <div> node: it hands the placeholder back as a paragraph link.
    from_editor = (
        '<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener">'
        "Watch on YouTube: https://youtu.be/dQw4w9WgXcQ</a></p>"
    )
    assert sanitize_html(mark_embeds(from_editor)) == stored
    assert 'data-embed-provider="youtube"' in stored
