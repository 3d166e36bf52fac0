"""The API's published OpenAPI document passes openapi-spec-validator (offline): the same
check API clients and code generators make before trusting it."""

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError


def test_openapi_document_is_valid(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)  # raises OpenAPIValidationError naming the first problem
    assert document["openapi"].startswith("3.")
    assert "/api/stories/{story_id}" in document["paths"]


def test_the_validator_refuses_a_broken_document(client):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/stories/{story_id}"]["patch"]
    operation["parameters"].append({"name": "where"})  # a parameter must say where it goes
    with pytest.raises(OpenAPIValidationError):
        validate(document)
