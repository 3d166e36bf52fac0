"""schemathesis against the API's own OpenAPI document: for every operation, generated
requests (bounded number of examples) never get a 5xx, and every response matches the
documented status codes, content type and schema. Runs in-process on the WSGI app."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsdesk.api.models import ApiKey
from tests.api.helpers import key_for, user_with_perms

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def write_key(newsroom, django_user_model, settings):
    settings.NEWSDESK_API_WRITE_RATE = "100000/m"
    editor = user_with_perms(
        django_user_model,
        "fuzz",
        "add_story",
        "change_story",
        "add_image",
        "publish_story",
        "edit_others_story",
    )
    section = newsroom.section("World")
    for story in newsroom.archive(3, section=section):
        story.tags.add(newsroom.tag())
    return key_for(editor, ApiKey.Scope.WRITE)


@pytest.fixture
def in_process_requests():
    # A request through the WSGI handler closes "old" connections when it starts and
    # finishes, which would close the test's transaction (PostgreSQL: CONN_MAX_AGE);
    # Django's own test client switches this off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every CI run; explore locally with --hypothesis-seed
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_openapi_document(case, write_key, in_process_requests):
    case.call_and_validate(headers={"Authorization": f"Bearer {write_key}"}, checks=CHECKS)
