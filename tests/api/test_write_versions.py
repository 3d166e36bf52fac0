"""Stale writes are refused, never silently applied: ETag/If-Match and `version` on the
API, a version check on the admin's story form, and parallel PATCHes that answer 409."""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

import pytest

from newsdesk.content.models import Status, Story
from newsdesk.content.services import revisions
from tests.api.helpers import bearer, key_for, user_with_perms

EDITOR = ("add_story", "change_story", "view_story", "publish_story", "edit_others_story")


@pytest.fixture
def draft(newsroom):
    return newsroom.story("Versioned", status=Status.DRAFT, body="<p>One.</p><p>Two.</p>")


@pytest.fixture
def raw_key(django_user_model):
    return key_for(user_with_perms(django_user_model, "api-ed", *EDITOR))


def patch(client, story, data, raw, **headers):
    return client.patch(
        f"/api/stories/{story.pk}", data, content_type="application/json", **bearer(raw), **headers
    )


def test_read_gives_the_version_as_etag_and_a_matching_patch_saves(client, draft, raw_key):
    read = client.get(f"/api/stories/{draft.pk}", **bearer(raw_key))
    assert read["ETag"] == '"1"' and read.json()["version"] == 1
    response = patch(client, draft, {"standfirst": "New"}, raw_key, HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"' and response.json()["version"] == 2


def test_stale_if_match_is_412_and_keeps_the_desk_editors_paragraph(client, draft, raw_key, editor):
    etag = client.get(f"/api/stories/{draft.pk}", **bearer(raw_key))["ETag"]
    # Meanwhile a desk editor adds a paragraph.
    revisions.save_story(draft, {"body": "<p>One.</p><p>Two.</p><p>Three.</p>"}, editor, 1)
    response = patch(client, draft, {"body": "<p>One.</p>"}, raw_key, HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response["ETag"] == '"2"' and "version 2" in response.json()["detail"]
    assert "Three." in Story.objects.get(pk=draft.pk).body


def test_stale_version_field_is_409(client, draft, raw_key, editor):
    revisions.save_story(draft, {"headline": "Desk headline"}, editor, 1)
    response = patch(client, draft, {"headline": "API headline", "version": 1}, raw_key)
    assert response.status_code == 409
    assert Story.objects.get(pk=draft.pk).headline == "Desk headline"
    response = patch(client, draft, {"headline": "API headline", "version": 2}, raw_key)
    assert response.status_code == 200 and response.json()["version"] == 3


def test_patch_without_a_version_is_428_and_changes_nothing(client, draft, raw_key, editor):
    response = patch(client, draft, {"body": "<p>From nowhere.</p>"}, raw_key)
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    assert response["ETag"] == '"1"'
    draft.refresh_from_db()
    assert draft.version == 1 and "From nowhere" not in draft.body


def test_if_match_that_is_not_a_version_is_422(client, draft, raw_key):
    assert patch(client, draft, {"standfirst": "x"}, raw_key, HTTP_IF_MATCH="*").status_code == 422


def test_ids_beyond_64_bits_are_422_not_500(client, raw_key):
    huge = "99999999999999999999"
    assert client.get(f"/api/stories/{huge}").status_code == 422
    assert client.get(f"/api/stories/{huge}/ninjs").status_code == 422
    response = client.patch(
        f"/api/stories/{huge}", {}, content_type="application/json", **bearer(raw_key)
    )
    assert response.status_code == 422


def test_lone_surrogate_in_a_story_body_is_422(client, raw_key):
    body = '{"headline": "Broken", "body": "<p>\\ud800</p>"}'
    response = client.post("/api/stories", body, content_type="application/json", **bearer(raw_key))
    assert response.status_code == 422 and "surrogate" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_patches_are_saves_or_conflicts_never_errors(live_server, newsroom, raw_key):
    story = newsroom.story("Raced", status=Status.DRAFT)

    def send(n):
        request = urllib.request.Request(
            f"{live_server.url}/api/stories/{story.pk}",
            data=json.dumps({"body": f"<p>Edit {n}</p>", "version": 1}).encode(),
            method="PATCH",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {raw_key}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except HTTPError as error:
            return error.code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, range(16)))
    assert set(statuses) <= {200, 409}, statuses
    saved = statuses.count(200)
    story.refresh_from_db()
    assert saved == 1 and story.version == 2  # all read version 1: one wins, 15 are told
    assert story.revisions.count() == saved  # every confirmed save is in the history


def test_admin_form_opened_before_a_desk_save_does_not_overwrite_it(client, editor, newsroom):
    story = newsroom.story("Admin race", status=Status.DRAFT, body="<p>Original</p>")
    client.force_login(editor)
    form = client.get(f"/admin/content/story/{story.pk}/change/").content.decode()
    assert 'name="base_version" value="1"' in form
    revisions.save_story(story, {"body": "<p>Desk paragraph</p>"}, editor, 1)
    fields = {
        "headline": "Admin race",
        "slug": story.slug,
        "body": "<p>Admin text</p>",
        "kind": "article",
        "language": "en-us",
        "base_version": "1",
        "byline_set-TOTAL_FORMS": "0",
        "byline_set-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/content/story/{story.pk}/change/", fields)
    assert response.status_code == 200 and "after you opened version 1" in response.content.decode()
    story.refresh_from_db()
    assert story.body == "<p>Desk paragraph</p>" and story.version == 2
    # Saving again, deliberately, on top of version 2 goes through.
    response = client.post(
        f"/admin/content/story/{story.pk}/change/", {**fields, "base_version": "2"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "<p>Admin text</p>" and story.version == 3
