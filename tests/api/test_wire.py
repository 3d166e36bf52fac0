"""Sending copy into the wire queue through the API, with real HTTP: Django's test client
for the API, a real local HTTP server for the page to import."""

import json

from django_tasks_db.models import DBTaskResult

from newsdesk.content.models import Source
from newsdesk.wire.models import ItemKind, ItemStatus, WireItem
from tests.api.helpers import bearer, key_for, user_with_perms
from tests.localhttp import Reply

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Bridge reopens | The Paper</title>
<meta property="og:title" content="Bridge reopens after repairs">
<meta name="author" content="Jo Reporter">
<meta property="article:published_time" content="2025-06-10T08:00:00+00:00">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old river bridge reopened to traffic on Tuesday after eight months of repairs to its
steel frame, the city council said, ahead of the summer holiday traffic.</p>
<p>Engineers replaced more than two hundred rivets and repainted the whole structure, which
carries some twenty thousand vehicles a day between the two halves of the town.</p>
</article><footer>Imprint</footer></body></html>"""

NINJS_1 = {
    "uri": "urn:agency:api-1",
    "headline": "Ninjs through the API",
    "body_html": "<p>Sent by a program</p><script>x()</script>",
    "byline": "A. Writer",
    "versioncreated": "2025-06-10T08:00:00Z",
}
NINJS_2 = {
    "uri": "urn:agency:api-2",
    "headlines": [{"value": "Version two", "role": "main"}],
    "bodies": [{"value": "<p>Body two</p>", "contenttype": "text/html"}],
    "by": [{"name": "B. Writer"}],
}


def staff_key(django_user_model, name="wire", **kwargs):
    return key_for(user_with_perms(django_user_model, name, "add_story", **kwargs))


def send_page(client, raw_key, **data):
    return client.post("/api/wire/pages", data, content_type="application/json", **bearer(raw_key))


def send_ninjs(client, raw_key, document, source=None):
    body = document if isinstance(document, bytes) else json.dumps(document)
    url = "/api/wire/ninjs" + (f"?source={source}" if source else "")
    return client.post(url, body, content_type="application/json", **bearer(raw_key))


def test_import_a_page_served_over_http(client, local_http, settings, django_user_model):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/bridge"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    agency = Source.objects.create(name="The Paper", url="https://paper.example/")
    raw = staff_key(django_user_model)

    response = send_page(client, raw, url=local_http.url("/bridge"), source=agency.slug)
    assert response.status_code == 201, response.content
    data = response.json()
    item = WireItem.objects.get(pk=data["id"])
    assert item.kind == ItemKind.PAGE and item.status == ItemStatus.NEW
    assert item.headline == data["headline"] == "Bridge reopens after repairs"
    assert "rivets" in item.body and "Imprint" not in item.body
    assert item.raw == PAGE.decode() and item.source == agency
    assert data["source"] == agency.slug and data["desk_url"].endswith(f"/desk/wire/{item.pk}/")
    assert [r[1] for r in local_http.requests] == ["/bridge"]


def test_import_a_page_in_the_background(client, local_http, settings, django_user_model):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    raw = staff_key(django_user_model)
    response = send_page(client, raw, url=local_http.url("/later"), background=True)
    assert response.status_code == 202
    job = DBTaskResult.objects.get(pk=response.json()["job"])
    assert job.args_kwargs["args"][0] == local_http.url("/later")
    assert local_http.requests == [] and WireItem.objects.count() == 0  # the worker fetches

    settings.NEWSDESK_FETCH_ALLOW = []
    response = send_page(client, raw, url=local_http.url("/later"), background=True)
    assert response.status_code == 422 and DBTaskResult.objects.count() == 1


def test_refused_addresses_are_422_naming_url(client, local_http, settings, django_user_model):
    settings.NEWSDESK_FETCH_ALLOW = []  # 127.0.0.1 is internal: refused (SSRF)
    local_http.routes["/bridge"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    raw = staff_key(django_user_model)
    for url in (local_http.url("/bridge"), "file:///etc/passwd", "ftp://example.org/x"):
        response = send_page(client, raw, url=url)
        assert response.status_code == 422, url
        detail = response.json()["detail"][0]
        assert detail["loc"] == ["body", "url"] and "may not be fetched" in detail["msg"]
    assert local_http.requests == [] and WireItem.objects.count() == 0

    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/pdf"] = Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
    response = send_page(client, raw, url=local_http.url("/pdf"))
    assert response.status_code == 422 and "application/pdf" in response.json()["detail"][0]["msg"]


def test_ninjs_1_and_2_into_the_queue(client, django_user_model):
    agency = Source.objects.create(name="Agency", url="https://agency.example/")
    raw = staff_key(django_user_model)
    response = send_ninjs(client, raw, NINJS_1, source=agency.slug)
    assert response.status_code == 201, response.content
    first = WireItem.objects.get(pk=response.json()["id"])
    assert first.kind == ItemKind.NINJS and first.headline == "Ninjs through the API"
    assert first.body == "<p>Sent by a program</p>" and first.author == "A. Writer"
    assert json.loads(first.raw) == NINJS_1 and first.source == agency

    response = send_ninjs(client, raw, NINJS_2)
    assert response.status_code == 201 and response.json()["headline"] == "Version two"
    assert WireItem.objects.get(pk=response.json()["id"]).author == "B. Writer"

    response = send_ninjs(client, raw, NINJS_1, source=agency.slug)
    assert response.status_code == 409 and "already sent" in response.json()["detail"]
    for unknown in ("no-such-agency", "nul\x00slug"):  # PostgreSQL refuses NUL even to look up
        response = send_ninjs(client, raw, NINJS_2, source=unknown)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "source"]
    assert WireItem.objects.count() == 2


def test_malformed_ninjs_is_422_and_kept_whole(client, django_user_model):
    raw = staff_key(django_user_model)
    for payload, problem in (
        ({"headline": "No uri"}, "needs a 'uri'"),
        (b'{"uri": "urn:x", "headline": ', "not ninjs"),
        ({"uri": "urn:empty"}, "neither a headline nor a body"),
    ):
        response = send_ninjs(client, raw, payload)
        assert response.status_code == 422, payload
        body = response.json()
        assert problem in body["detail"]
        item = WireItem.objects.get(pk=body["item"])
        assert item.status == ItemStatus.FAILED and problem in item.error
        sent = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        assert item.raw == sent.decode()  # the payload exactly as sent


def test_wire_writes_need_a_write_key_of_staff(client, django_user_model):
    outsider = key_for(user_with_perms(django_user_model, "out", "add_story", staff=False))
    response = send_ninjs(client, outsider, NINJS_1)
    assert response.status_code == 403 and "staff" in response.json()["detail"]
    response = send_page(client, outsider, url="https://example.org/")
    assert response.status_code == 403
    read_only = key_for(user_with_perms(django_user_model, "ro", "add_story"), "read")
    assert send_ninjs(client, read_only, NINJS_1).status_code == 403
    assert send_ninjs(client, "", NINJS_1).status_code == 401
    assert WireItem.objects.count() == 0
