"""The ledger through HTTP: the desk's ledger beside the story, readers' "Figures in this
story", and the /claims/ search, page-cached and purged when a ledger changes."""

import pytest
from django.urls import reverse

from newsdesk.claims import ledger
from newsdesk.claims.models import ClaimStatus
from newsdesk.content.models import Status
from tests.claims.conftest import FIGURES
from tests.desk.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(newsroom):
    story = newsroom.story("Strikes and exports", body=FIGURES)
    ledger.refresh(story)
    return story


def test_the_desk_shows_the_ledger_and_an_editor_corrects_and_removes(client, story, desk_editor):
    client.force_login(desk_editor)
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    deaths, exports = story.claims.all()
    assert "Figures and who gave them" in page
    assert 'aria-label="Correct the figure 340"' in page
    assert "— Health Ministry" in page

    url = reverse("claims-desk:claim", args=[deaths.pk])
    bad = client.post(url, {"action": "correct", f"claim-{deaths.pk}-value": "lots"})
    assert bad.status_code == 400
    assert "Write a number" in bad.content.decode()
    assert 'value="lots"' in bad.content.decode()  # what the editor typed is kept

    fields = {"value": "345", "unit": "people killed", "speaker": "Gaza Health Ministry"}
    done = client.post(
        url, {"action": "correct", **{f"claim-{deaths.pk}-{k}": v for k, v in fields.items()}}
    )
    assert done.status_code == 302 and done.url.endswith(f"#claim-{deaths.pk}")
    client.post(reverse("claims-desk:claim", args=[exports.pk]), {"action": "remove"})
    deaths.refresh_from_db()
    exports.refresh_from_db()
    assert (deaths.value, deaths.speaker, deaths.status) == (
        345,
        "Gaza Health Ministry",
        "confirmed",
    )
    assert deaths.checked_by == desk_editor
    assert exports.status == ClaimStatus.REMOVED

    public = client.get(story.get_absolute_url()).content.decode()
    assert "Figures in this story" in public and "345 people killed" in public
    assert "2,100,000 barrels a day" not in public  # removed by the editor


def test_who_may_not_edit_the_story_may_not_touch_its_ledger(client, story, django_user_model):
    contributor = make_user(django_user_model, "carla", "Contributor")
    client.force_login(contributor)
    claim = story.claims.first()
    response = client.post(reverse("claims-desk:claim", args=[claim.pk]), {"action": "remove"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EXTRACTED
    client.logout()
    anonymous = client.post(reverse("claims-desk:claim", args=[claim.pk]), {"action": "remove"})
    assert anonymous.status_code == 302 and "login" in anonymous.url


def test_readers_find_figures_by_speaker_unit_and_range(client, story, newsroom):
    draft = newsroom.story("Draft", status=Status.DRAFT, body=FIGURES)
    ledger.refresh(draft)
    form = client.get(reverse("claims:index"), {"speaker": "health ministry", "low": "100"})
    assert form.status_code == 302
    assert form.url == "/claims/find/speaker/health-ministry/min/100/"

    found = client.get(form.url).content.decode()
    assert found.count('class="claim-value"') == 1  # the draft's copy is not shown
    assert "340 people" in found and "Strikes and exports" in found

    by_unit = client.get("/claims/find/unit/barrels/min/2000000/max/3m/")
    assert by_unit.status_code == 404  # "3m" is not the address of a number
    by_unit = client.get("/claims/find/unit/barrels/min/2000000/max/3000000/").content.decode()
    assert "2,100,000 barrels a day" in by_unit and "IRNA" in by_unit
    empty = client.get("/claims/find/speaker/health-ministry/min/1000/").content.decode()
    assert "No figures match this search." in empty


def test_a_bad_search_is_explained(client, story):
    response = client.get(reverse("claims:index"), {"low": "lots", "high": "5"})
    assert response.status_code == 400
    assert "Write a number" in response.content.decode()
    response = client.get(reverse("claims:index"), {"low": "10", "high": "5"})
    assert "must not be above the second" in response.content.decode()
    assert client.get("/claims/find/colour/red/").status_code == 404


def test_search_pages_are_cached_and_purged_when_a_ledger_changes(
    client, story, settings, tmp_path, desk_editor, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pages"
    url = "/claims/find/speaker/health-ministry/"
    assert "340 people" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ledger.remove(story.claims.first(), desk_editor)
    again = client.get(url)
    assert "X-Page-Cache" not in again and "340 people" not in again.content.decode()
