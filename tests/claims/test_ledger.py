"""The ledger follows the story's text through the change pipeline and the worker, and an
editor's decisions stick to their figure."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from newsdesk.claims import ledger
from newsdesk.claims.models import Claim, ClaimStatus
from newsdesk.content import changes
from newsdesk.content.services import revisions
from tests.claims.conftest import FIGURES


@pytest.fixture
def edit(db, django_capture_on_commit_callbacks):
    """Save a story's body as the desk does; what runs after commit runs at once."""

    def save(story, user, body):
        story.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            return revisions.save_story(story, {"body": body}, user, story.version)

    return save


def test_a_saved_story_gets_its_ledger_from_the_worker(immediate_tasks, edit, editor, newsroom):
    story = newsroom.story(body="<p>Nothing to count.</p>")
    edit(story, editor, FIGURES)
    claims = list(story.claims.all())
    assert [(c.value, c.unit, c.speaker) for c in claims] == [
        (Decimal(340), "people", "Health Ministry"),
        (Decimal(2100000), "barrels a day", "IRNA"),
    ]
    assert claims[0].sentence == "Strikes killed 340 people, the Health Ministry said on Monday."


def test_editor_decisions_survive_re_extraction(immediate_tasks, edit, editor, newsroom):
    story = newsroom.story(body=FIGURES)
    ledger.refresh(story)
    deaths, exports = story.claims.all()
    ledger.correct(deaths, editor, {"unit": "people killed", "speaker": "Gaza Health Ministry"})
    ledger.remove(exports, editor)

    edit(story, editor, FIGURES.replace("Strikes killed", "Israeli strikes killed"))
    deaths.refresh_from_db()
    exports.refresh_from_db()
    assert (deaths.unit, deaths.speaker, deaths.status) == (
        "people killed",
        "Gaza Health Ministry",
        ClaimStatus.CONFIRMED,
    )
    assert deaths.sentence.startswith("Israeli strikes killed")  # the text itself follows
    assert exports.status == ClaimStatus.REMOVED

    edit(story, editor, "<p>Strikes killed 345 people, officials said.</p>")
    (claim,) = story.claims.all()  # figures that left the text left the ledger
    assert (claim.value, claim.speaker, claim.status) == (345, "officials", "extracted")


def test_only_those_who_may_edit_the_story_change_its_ledger(django_user_model, newsroom):
    story = newsroom.story(body=FIGURES)
    ledger.refresh(story)
    reader = django_user_model.objects.create_user("reader", password="a-long-test-password")
    with pytest.raises(PermissionDenied):
        ledger.remove(Claim.objects.filter(story=story).first(), reader)
    assert not story.claims.filter(status=ClaimStatus.REMOVED).exists()


def test_a_bulk_import_is_read_in_one_job(
    immediate_tasks, newsroom, django_capture_on_commit_callbacks
):
    stories = [newsroom.story(body=FIGURES) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        changes.bulk_changed([story.pk for story in stories], reason="import")
    assert [story.claims.count() for story in stories] == [2, 2]
