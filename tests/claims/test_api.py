"""Claims in the content API and its OpenAPI document."""

import pytest

from newsdesk.claims import ledger
from newsdesk.content.models import Status
from tests.claims.conftest import FIGURES

pytestmark = pytest.mark.django_db


def test_the_api_lists_live_claims_with_speaker_value_and_story(client, newsroom):
    story = newsroom.story("Strikes and exports", body=FIGURES)
    ledger.refresh(story)
    ledger.refresh(newsroom.story("Draft", status=Status.DRAFT, body=FIGURES))

    body = client.get("/api/claims/", {"speaker": "IRNA", "min": "1000000"}).json()
    assert body["count"] == 1
    (claim,) = body["results"]
    assert claim["figure"] == "2.1 million" and claim["value"] == "2100000"
    assert claim["display"] == "2,100,000 barrels a day"
    assert (claim["speaker"], claim["unit"]) == ("IRNA", "barrels a day")
    assert claim["story"]["id"] == story.pk and claim["story"]["url"].endswith(
        story.get_absolute_url()
    )
    assert client.get("/api/claims/", {"story": story.pk}).json()["count"] == 2
    assert client.get("/api/claims/", {"min": "many"}).status_code == 422


def test_claims_are_in_the_openapi_document(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/claims/"]["get"]
    assert "claims" in operation["tags"]
    assert {p["name"] for p in operation["parameters"]} >= {"speaker", "unit", "min", "max"}
