"""No write path loses an editor's saved text.

A desk request loads the story, then acts on it: an editor's save that lands in between
must survive a publish, an unpublish, a correction, a gallery change, the trash and a
schedule made from the older copy, and the next save must work (no duplicate revision).
The threaded test runs the same writers at once against the real database (SQLite file or
PostgreSQL)."""

import contextlib
import threading
import time
from datetime import timedelta

import pytest
from django.db import close_old_connections
from django.utils import timezone

from newsdesk.content.models import Revision, Status, Story
from newsdesk.content.services import corrections, galleries, revisions, trash, workflow
from newsdesk.content.services.revisions import EditConflict


def _published(newsroom, editor, status=Status.PUBLISHED):
    story = newsroom.story(
        "Original headline",
        body="<p>Original text.</p>",
        section=newsroom.section(),
        status=status,
    )
    revisions.record(story, editor, note="Created")
    return story


def _edit_meanwhile(story, editor, text):
    fresh = Story.objects.get(pk=story.pk)
    return revisions.save_story(fresh, {"body": f"<p>{text}</p>"}, editor, fresh.version)


def _actions(newsroom, editor):
    later = timezone.now() + timedelta(days=1)
    return {
        "unpublish": lambda s: workflow.transition(s, "unpublished", editor),
        "correction": lambda s: corrections.add_note(s, "correction", "Fixed a name.", editor),
        "gallery": lambda s: galleries.add_picture(s, editor, newsroom.image(alt_text="A")),
        "trash": lambda s: workflow.trash(s, editor),
        "schedule": lambda s: workflow.transition(s, "scheduled", editor, at=later),
        "publish": lambda s: workflow.transition(s, "published", editor),
        "review": lambda s: workflow.transition(s, "review", editor),
    }


@pytest.mark.parametrize(
    "action, status",
    [
        ("unpublish", Status.PUBLISHED),
        ("correction", Status.PUBLISHED),
        ("gallery", Status.PUBLISHED),
        ("trash", Status.PUBLISHED),
        ("schedule", Status.DRAFT),
        ("publish", Status.DRAFT),
        ("review", Status.DRAFT),
    ],
)
def test_a_stale_copy_never_writes_back_old_text(newsroom, editor, action, status):
    story = _published(newsroom, editor, status)
    stale = Story.objects.get(pk=story.pk)  # loaded by the second request
    _edit_meanwhile(story, editor, "Edited meanwhile.")

    _actions(newsroom, editor)[action](stale)

    stored = Story.objects.get(pk=story.pk)
    assert stored.body == "<p>Edited meanwhile.</p>"
    assert stored.version == 2
    # The next save works: no second revision 2.
    again = revisions.save_story(stored, {"headline": "Next"}, editor, stored.version)
    assert again.version == 3
    assert list(
        Revision.objects.filter(story=story).order_by("version").values_list("version", flat=True)
    ) == [1, 2, 3]


def test_publishing_a_stale_copy_keeps_the_edit_and_restore_keeps_it_too(newsroom, editor):
    story = newsroom.story(
        "Draft", body="<p>Old.</p>", status=Status.DRAFT, section=newsroom.section()
    )
    revisions.record(story, editor)
    stale = Story.objects.get(pk=story.pk)
    _edit_meanwhile(story, editor, "New.")
    workflow.transition(stale, "published", editor)
    assert stale.body == "<p>New.</p>" and stale.version == 2  # the caller's copy is current
    workflow.trash(Story.objects.get(pk=story.pk), editor)
    trashed = Story.objects.get(pk=story.pk)
    _edit_meanwhile(story, editor, "Edited in the trash.")
    trash.restore(trashed, editor)
    stored = Story.objects.get(pk=story.pk)
    assert (stored.body, stored.version, stored.status) == (
        "<p>Edited in the trash.</p>",
        3,
        Status.PUBLISHED,
    )
    assert stored.deleted_at is None


def test_a_transition_is_judged_on_the_row_as_it_is_now(newsroom, editor):
    story = _published(newsroom, editor)
    stale = Story.objects.get(pk=story.pk)
    workflow.transition(Story.objects.get(pk=story.pk), "unpublished", editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(stale, "unpublished", editor)  # it is not published any more


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_lose_no_edit(newsroom, editor):
    """Editors save while others publish, unpublish, correct and add pictures, at once."""
    story = _published(newsroom, editor)
    image = newsroom.image(alt_text="A picture")
    saved, errors = [], []
    stop = threading.Event()

    def run(work):
        try:
            work()
        except Exception as exc:  # the test reports every failure below
            errors.append(repr(exc))
        finally:
            close_old_connections()

    def write_text():
        for n in range(12):
            current = Story.objects.get(pk=story.pk)
            time.sleep(0.005)  # the request's own work between load and save
            try:
                revisions.save_story(
                    current, {"body": f"<p>Text {n}.</p>"}, editor, current.version
                )
                saved.append(f"<p>Text {n}.</p>")
            except EditConflict:
                pass
        stop.set()

    def move_and_annotate():
        turn = 0
        while not stop.is_set():
            stale = Story.objects.get(pk=story.pk)
            time.sleep(0.005)
            turn += 1
            if turn % 3 == 0 and stale.status == Status.PUBLISHED:
                corrections.add_note(stale, "update", f"Update {turn}.", editor)
            elif turn % 3 == 1:
                galleries.add_picture(stale, editor, image)
            else:
                target = "unpublished" if stale.status == Status.PUBLISHED else "published"
                with contextlib.suppress(workflow.WorkflowError):
                    # Judged on the current row: fine to refuse if someone moved it first.
                    workflow.transition(stale, target, editor)

    threads = [
        threading.Thread(target=run, args=(write_text,)),
        threading.Thread(target=run, args=(move_and_annotate,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert saved, "no save went through"
    stored = Story.objects.get(pk=story.pk)
    assert stored.body == saved[-1]
    assert stored.version == len(saved) + 1
    versions = list(
        Revision.objects.filter(story=story).order_by("version").values_list("version", flat=True)
    )
    assert versions == list(range(1, len(saved) + 2))
