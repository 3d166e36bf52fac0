"""Every ninjs version IPTC has published reads through the API: text items into the wire
queue, pictures into the media library, other types kept and reported as not handled, and
hostile documents kept whole with a clear error (never a 500)."""

import json

import pytest
from django.test import RequestFactory

from newsdesk.api.ninjs import story_as_ninjs
from newsdesk.content.models import Image
from newsdesk.wire.models import ItemStatus, WireItem
from newsdesk.wire.services.ninjs import import_ninjs
from tests.api.helpers import bearer, key_for, user_with_perms
from tests.api.test_ninjs_schema import validate
from tests.builders import jpeg_bytes
from tests.localhttp import Reply

NINJS_16 = {
    "uri": "urn:agency:16",
    "type": "text",
    "headline": "",
    "headline_main": "Pattern headline",
    "body_richtext": "<p>Rich <b>body</b></p>",
    "description_text": "The summary",
    "byline": "Ana",
    "versioncreated": "2025-06-10T08:00:00Z",
    "$standard": {"name": "ninjs", "version": "1.6"},
}
NINJS_15_TEXT = {
    "uri": "urn:agency:15",
    "body_text": "Para one\n\nPara <two>",
    "headline": "Fifteen",
}
NINJS_30 = {
    "uri": "urn:agency:30",
    "type": "text",
    "standard": {"name": "ninjs", "version": "3.0"},
    "versionCreated": "2025-06-10T08:00:00Z",
    "headlines": [{"role": "main", "value": "Camel headline"}],
    "bodies": [
        {"role": "main", "contentType": "text/plain", "value": "Plain"},
        {"role": "main", "contentType": "text/html", "value": "<p>Camel body</p>"},
    ],
    "descriptions": [{"role": "summary", "value": "Camel summary"}],
    "by": "Ben",
    "associations": [
        {
            "name": "photo",
            "uri": "urn:pic",
            "type": "picture",
            "renditions": [{"name": "web", "href": "https://img.example/a.jpg"}],
        }
    ],
}
EVENT_31 = {
    "uri": "urn:agency:event",
    "type": "event",
    "standard": {"name": "ninjs", "version": "3.1"},
    "headlines": [{"value": "Press conference"}],
    "eventDetails": {"dates": {"startDate": "2025-06-10T08:00:00Z"}},
}


@pytest.fixture
def editor(django_user_model):
    return user_with_perms(django_user_model, "photo", "view_story", "add_story", "add_image")


def send(client, user, document):
    body = document if isinstance(document, bytes) else json.dumps(document)
    return client.post(
        "/api/wire/ninjs", body, content_type="application/json", **bearer(key_for(user))
    )


def test_the_documents_here_are_valid_ninjs_of_their_version():
    for document, version in (
        (NINJS_16, "1.6"),
        (NINJS_15_TEXT, "1.6"),
        (NINJS_30, "3.0"),
        (EVENT_31, "3.1"),
    ):
        assert validate(document, version) == [], document["uri"]


def test_ninjs_1_pattern_fields_2_and_3_read(client, editor):
    response = send(client, editor, NINJS_16)
    assert response.status_code == 201, response.content
    item = WireItem.objects.get(guid="urn:agency:16")
    assert (item.headline, item.body) == ("Pattern headline", "<p>Rich <b>body</b></p>")
    assert (item.summary, item.author) == ("The summary", "Ana")
    assert send(client, editor, NINJS_15_TEXT).status_code == 201
    assert (
        WireItem.objects.get(guid="urn:agency:15").body == "<p>Para one</p><p>Para &lt;two&gt;</p>"
    )
    # A rendition `href` that is a list (no valid ninjs has one) is passed over.
    hostile = json.loads(json.dumps(NINJS_30))
    hostile["associations"][0]["renditions"].insert(0, {"name": "x", "href": ["a", "b"]})
    response = send(client, editor, hostile)
    assert response.status_code == 201, response.content
    item = WireItem.objects.get(guid="urn:agency:30")
    assert (item.headline, item.body, item.summary) == (
        "Camel headline",
        "<p>Camel body</p>",
        "Camel summary",
    )
    assert item.author == "Ben" and item.published_at.isoformat() == "2025-06-10T08:00:00+00:00"
    assert item.image_url == "https://img.example/a.jpg"


def test_what_newsdesk_writes_reads_back(newsroom):
    story = newsroom.story("Round trip", standfirst="Both ways", language="en")
    for version in ("2.0", "3.1"):
        document = story_as_ninjs(RequestFactory().get("/"), story, version=version)
        document["uri"] += version
        item = import_ninjs(json.dumps(document))
        assert (item.headline, item.summary, item.status) == ("Round trip", "Both ways", "new")


def test_other_types_are_kept_and_reported_as_not_handled(client, editor):
    response = send(client, editor, EVENT_31)
    assert response.status_code == 422
    assert "not handled" in response.json()["detail"] and "event" in response.json()["detail"]
    item = WireItem.objects.get(pk=response.json()["item"])
    assert json.loads(item.raw) == EVENT_31 and item.headline == "Press conference"


def test_a_picture_goes_to_the_media_library(client, editor, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/large.jpg"] = Reply(
        200, jpeg_bytes(400, 300), {"Content-Type": "image/jpeg"}
    )
    local_http.routes["/thumb.jpg"] = Reply(200, jpeg_bytes(40, 30), {"Content-Type": "image/jpeg"})
    picture = {
        "uri": "urn:agency:photo:1",
        "type": "picture",
        "standard": {"name": "ninjs", "version": "2.0"},
        "descriptions": [{"role": "caption", "value": "Harbour at dawn"}],
        "by": "Photo: Ana / Agency",
        "renditions": [
            {"name": "thumb", "href": local_http.url("/thumb.jpg"), "width": 40, "height": 30},
            {"name": "hi", "href": local_http.url("/large.jpg"), "width": 400, "height": 300},
        ],
    }
    assert validate(picture) == []
    response = send(client, editor, picture)
    assert response.status_code == 201, response.content
    item = WireItem.objects.get(guid="urn:agency:photo:1")
    image = Image.objects.get()
    assert item.image == image and item.status == ItemStatus.ACCEPTED
    assert (image.caption, image.credit, image.width) == (
        "Harbour at dawn",
        "Photo: Ana / Agency",
        400,
    )
    client.force_login(editor)
    assert f"/desk/media/{image.pk}/" in client.get(f"/desk/wire/{item.pk}/").content.decode()
    # A picture that cannot be fetched: the item stays in the queue and says why.
    local_http.routes["/large.jpg"] = local_http.routes["/thumb.jpg"] = Reply(404, b"", {})
    picture["uri"] = "urn:agency:photo:2"
    assert send(client, editor, picture).status_code == 201
    item = WireItem.objects.get(guid="urn:agency:photo:2")
    assert "not added to the media library" in item.error and "HTTP 404" in item.error
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b'{"uri": "urn:s", "headline": "bad \\ud800 half"}', "lone surrogate"),
        (b'{"uri": ["urn:list"], "headline": "x"}', "needs a 'uri'"),
    ],
)
def test_hostile_documents_are_kept_with_a_clear_error(client, editor, payload, problem):
    response = send(client, editor, payload)
    assert response.status_code == 422, response.content
    assert problem in response.json()["detail"]
    item = WireItem.objects.get(pk=response.json()["item"])
    assert item.status == ItemStatus.FAILED and item.raw == payload.decode()
