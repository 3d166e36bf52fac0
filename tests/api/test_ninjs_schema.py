"""What Newsdesk writes as ninjs validates against IPTC's schema of the version it declares
(the schemas IPTC publishes, kept in the test corpus)."""

import json
from pathlib import Path

import pytest
from django.test import RequestFactory
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for

from newsdesk.api.ninjs import story_as_ninjs
from newsdesk.content.models import Status

# IPTC's published schemas (repository iptc/newsinjson, folder specification; MIT licence).
SCHEMAS = Path(__file__).resolve().parents[1] / "ninjs_schemas"


def validate(document: dict, version: str = "") -> list[str]:
    version = version or document["standard"]["version"]
    schema = json.loads((SCHEMAS / f"ninjs-schema_{version}.json").read_text())
    validator = validator_for(schema, default=Draft7Validator)(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture
def full_story(newsroom):
    person, tag, section = newsroom.person("Ana"), newsroom.tag("Oil"), newsroom.section("World")
    return newsroom.story(
        "Headline",
        standfirst="Summary",
        section=section,
        tags=[tag],
        bylines=[person],
        featured_image=newsroom.image(),
        language="en",
    )


@pytest.mark.parametrize(("asked", "declared"), [("", "2.0"), ("2.0", "2.0"), ("3.1", "3.1")])
def test_ninjs_written_validates_against_its_declared_schema(client, full_story, asked, declared):
    url = f"/api/stories/{full_story.pk}/ninjs" + (f"?version={asked}" if asked else "")
    response = client.get(url)
    assert response.status_code == 200, response.content
    document = response.json()
    assert document["standard"]["version"] == declared
    assert validate(document) == []
    assert document["headlines"] == [{"role": "main", "value": "Headline"}]
    (picture,) = document["associations"]
    assert picture["type"] == "picture" and picture["renditions"]


def test_unknown_ninjs_version_is_a_clear_422(client, full_story):
    response = client.get(f"/api/stories/{full_story.pk}/ninjs?version=9.9")
    assert response.status_code == 422
    assert "2.0" in json.dumps(response.json()) and "3.1" in json.dumps(response.json())


def test_an_unpublished_story_validates_too(client, newsroom, django_user_model):
    story = newsroom.story("Gone", status=Status.UNPUBLISHED)
    for version in ("2.0", "3.1"):
        document = story_as_ninjs(RequestFactory().get("/"), story, version=version)
        status = document.get("pubstatus") or document.get("pubStatus")
        assert validate(document) == [] and status == "canceled"
