"""A server whose page-extraction libraries are missing (an older pip skipping lxml's HTML
cleaner makes `import trafilatura` fail) says so plainly: the API answers 503, the desk
shows the reason with the address still in the form, and nothing is stored as "failed"."""

import sys

import pytest
from django_tasks_db.models import DBTaskResult

from newsdesk.wire.models import WireItem
from tests.api.helpers import bearer, key_for, user_with_perms
from tests.localhttp import Reply

PAGE = b"<html><head><title>Bridge</title></head><body><p>The bridge reopened.</p></body></html>"


@pytest.fixture
def without_trafilatura(monkeypatch, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/bridge"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` fails
    return local_http


@pytest.mark.parametrize("background", [False, True])
def test_api_answers_503_and_stores_nothing(
    client, without_trafilatura, django_user_model, background
):
    raw = key_for(user_with_perms(django_user_model, "wire", "add_story"))
    response = client.post(
        "/api/wire/pages",
        {"url": without_trafilatura.url("/bridge"), "background": background},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 503
    assert "not installed" in response.json()["detail"]
    assert WireItem.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_desk_form_keeps_the_address_and_says_why(client, editor, without_trafilatura):
    client.force_login(editor)
    url = without_trafilatura.url("/bridge")
    response = client.post("/desk/wire/import/url/", {"url": url})
    assert response.status_code == 400
    page = response.content.decode()
    assert "not installed" in page and f'value="{url}"' in page
    assert WireItem.objects.count() == 0
