"""The wire queue as an editor uses it, through Django's test client."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.content.models import Source, Story
from newsdesk.wire.models import DuplicateGroup, ItemKind, ItemStatus, WireItem, WireSource
from newsdesk.wire.services.ingest import store_item
from tests.localhttp import Reply


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def afp(db, newsroom):
    source = Source.objects.create(name="AFP", url="https://afp.example/")
    WireSource.objects.create(source=source, default_section=newsroom.section("World"))
    return source


def item(source, n, **fields):
    return store_item(
        kind=ItemKind.FEED,
        raw=f"raw {n}",
        source=source,
        guid=f"g{n}",
        headline=fields.pop("headline", f"Wire story {n}"),
        link=f"https://afp.example/{n}",
        body=fields.pop("body", f"<p>Body of wire story {n}.</p>"),
        **fields,
    )


def test_queue_needs_staff(client, db):
    response = client.get("/desk/wire/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_queue_lists_newest_first_filters_and_searches(desk, afp):
    ap = Source.objects.create(name="AP")
    item(afp, 1)
    item(afp, 2, headline="Storm in the north")
    item(ap, 3)
    text = desk.get("/desk/wire/").content.decode()
    assert (
        text.index("Wire story 3") < text.index("Storm in the north") < text.index("Wire story 1")
    )
    only_ap = desk.get(f"/desk/wire/?source={ap.pk}").content.decode()
    assert "Wire story 3" in only_ap and "Wire story 1" not in only_ap
    found = desk.get("/desk/wire/?q=storm").content.decode()
    assert "Storm in the north" in found and "Wire story 1" not in found
    section = afp.wire.default_section
    by_section = desk.get(f"/desk/wire/?section={section.pk}").content.decode()
    assert "Wire story 1" in by_section and "Wire story 3" not in by_section


def test_accept_creates_a_draft_with_attribution(desk, afp):
    wire_item = item(afp, 1)
    response = desk.post(f"/desk/wire/{wire_item.pk}/accept/")
    assert response.status_code == 302
    wire_item.refresh_from_db()
    story = wire_item.story
    assert wire_item.status == ItemStatus.ACCEPTED
    assert (story.status, story.headline, story.source_url) == (
        "draft",
        "Wire story 1",
        "https://afp.example/1",
    )
    assert list(story.sources.all()) == [afp]
    assert story.section == afp.wire.default_section
    # Accepting twice is refused with a message, not a second story.
    page = desk.post(f"/desk/wire/{wire_item.pk}/accept/", follow=True).content.decode()
    assert "already accepted" in page and Story.objects.count() == 1


def test_accepting_one_version_offers_the_others_as_sources(desk, afp):
    ap = Source.objects.create(name="AP")
    first, second = item(afp, 1), item(ap, 2)
    group = DuplicateGroup.objects.create()
    WireItem.objects.filter(pk__in=[first.pk, second.pk]).update(group=group)
    assert "2 versions" in desk.get("/desk/wire/").content.decode()
    desk.post(f"/desk/wire/{first.pk}/accept/")
    page = desk.get(f"/desk/wire/{first.pk}/").content.decode()
    story = Story.objects.get()
    assert f"Add as a source of story {story.pk}" in page
    desk.post(f"/desk/wire/{second.pk}/merge/", {"story": story.pk})
    second.refresh_from_db()
    assert second.status == ItemStatus.MERGED
    assert set(story.sources.all()) == {afp, ap}


def test_merge_into_missing_story_and_reject(desk, afp):
    wire_item = item(afp, 1)
    page = desk.post(f"/desk/wire/{wire_item.pk}/merge/", {"story": 999}, follow=True)
    assert "There is no story 999" in page.content.decode()
    desk.post(f"/desk/wire/{wire_item.pk}/reject/")
    wire_item.refresh_from_db()
    assert wire_item.status == ItemStatus.REJECTED
    assert "Wire story 1" not in desk.get("/desk/wire/").content.decode()
    assert "Wire story 1" in desk.get("/desk/wire/?status=rejected").content.decode()


def test_staff_without_permission_cannot_accept(client, afp, django_user_model):
    clerk = django_user_model.objects.create_user(
        "clerk", password="x-long-password", is_staff=True
    )
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_wireitem", "view_story"])
    )
    client.force_login(clerk)
    wire_item = item(afp, 1)
    page = client.post(f"/desk/wire/{wire_item.pk}/accept/", follow=True).content.decode()
    assert "permission" in page
    assert Story.objects.count() == 0
    assert client.get(f"/desk/wire/{wire_item.pk}/accept/").status_code == 405


ARTICLE = """<!DOCTYPE html><html lang="de"><head><title>Flut im Norden | Zeitung</title>
<meta property="og:title" content="Flut im Norden">
<meta property="og:image" content="https://zeitung.example/flut.jpg">
<meta name="author" content="Erika Muster">
<meta property="article:published_time" content="2025-06-10T08:00:00+02:00">
</head><body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><h1>Flut im Norden</h1>
<p>Nach tagelangem Regen sind im Norden des Landes mehrere Flüsse über die Ufer getreten.
Hunderte Menschen mussten ihre Häuser verlassen, wie die Behörden am Dienstag mitteilten.</p>
<p>Die Feuerwehr war mit mehr als tausend Einsatzkräften vor Ort und errichtete Dämme aus
Sandsäcken entlang der Deiche, um die Altstadt vor dem steigenden Wasser zu schützen.</p>
<p>Meteorologen erwarten für das Wochenende weitere Niederschläge in der gesamten Region.</p>
</article><footer>Impressum · Datenschutz</footer></body></html>"""


def test_import_a_web_page(desk, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/flut"] = Reply(
        200, ARTICLE.encode(), {"Content-Type": "text/html; charset=utf-8"}
    )
    response = desk.post("/desk/wire/import/url/", {"url": local_http.url("/flut")})
    assert response.status_code == 302
    wire_item = WireItem.objects.get()
    assert wire_item.kind == ItemKind.PAGE
    assert wire_item.headline == "Flut im Norden"
    assert "Feuerwehr" in wire_item.body and "Impressum" not in wire_item.body
    assert wire_item.author == "Erika Muster"
    assert wire_item.language == "de"
    assert wire_item.image_url == "https://zeitung.example/flut.jpg"
    assert wire_item.published_at.date().isoformat() == "2025-06-10"
    assert wire_item.raw == ARTICLE
    # The same page again is the same item.
    desk.post("/desk/wire/import/url/", {"url": local_http.url("/flut")})
    assert WireItem.objects.count() == 1


def test_import_refuses_internal_and_non_html(desk, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    response = desk.post("/desk/wire/import/url/", {"url": local_http.url("/flut")})
    assert response.status_code == 400
    assert "could not be imported" in response.content.decode()
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/pdf"] = Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
    response = desk.post("/desk/wire/import/url/", {"url": local_http.url("/pdf")})
    assert response.status_code == 400 and "application/pdf" in response.content.decode()
    response = desk.post("/desk/wire/import/url/", {"url": "ftp://example.org/x"})
    assert response.status_code == 400
    assert WireItem.objects.count() == 0


NINJS_1 = {
    "uri": "urn:agency:1",
    "type": "text",
    "headline": "Ninjs one headline",
    "body_html": "<p>First paragraph</p><script>x()</script>",
    "byline": "A. Writer",
    "language": "en",
    "versioncreated": "2025-06-10T08:00:00Z",
    "associations": {
        "featureimage": {
            "type": "picture",
            "renditions": {"original": {"href": "https://agency.example/pic.jpg"}},
        }
    },
}
NINJS_2 = {
    "uri": "urn:agency:2",
    "type": "text",
    "headlines": [{"value": "Ninjs two", "role": "main"}],
    "bodies": [{"value": "<p>Body two</p>", "contenttype": "text/html"}],
    "by": [{"name": "B. Writer"}],
    "language": "fr",
    "versioncreated": "2025-06-11T08:00:00Z",
}


def upload(desk, document, source=None):
    data = json.dumps(document).encode() if not isinstance(document, bytes) else document
    payload = {"file": SimpleUploadedFile("doc.json", data, "application/json")}
    if source:
        payload["source"] = source.pk
    return desk.post("/desk/wire/import/ninjs/", payload, follow=True)


def test_ninjs_upload_v1_and_v2(desk, afp):
    upload(desk, NINJS_1, afp)
    upload(desk, NINJS_2, afp)
    one = WireItem.objects.get(guid="urn:agency:1")
    assert (one.headline, one.author, one.language) == ("Ninjs one headline", "A. Writer", "en")
    assert one.body == "<p>First paragraph</p>"
    assert one.image_url == "https://agency.example/pic.jpg"
    two = WireItem.objects.get(guid="urn:agency:2")
    assert (two.headline, two.body, two.author) == ("Ninjs two", "<p>Body two</p>", "B. Writer")
    assert two.published_at.isoformat() == "2025-06-11T08:00:00+00:00"
    page = upload(desk, NINJS_1, afp).content.decode()
    assert "already in the wire queue" in page and WireItem.objects.count() == 2


def test_bad_ninjs_is_kept_with_its_error(desk, afp):
    page = upload(desk, b"{not json", afp).content.decode()
    assert "could not be read" in page
    failed = WireItem.objects.get()
    assert failed.status == ItemStatus.FAILED and failed.raw == "{not json"
    upload(desk, {"headline": "no uri"}, afp)
    assert WireItem.objects.filter(status=ItemStatus.FAILED).count() == 2


def test_sources_page_shows_health(desk, afp):
    afp.wire.feeds.create(url="https://afp.example/rss", last_error="HTTP 500", failures=3)
    page = desk.get("/desk/wire/sources/").content.decode()
    assert "https://afp.example/rss" in page and "HTTP 500" in page and "never" in page


def test_import_ninjs_command_reads_a_folder(tmp_path, afp):
    from io import StringIO

    from django.core.management import CommandError, call_command

    (tmp_path / "one.json").write_text(json.dumps(NINJS_1))
    (tmp_path / "two.json").write_text(json.dumps(NINJS_2))
    (tmp_path / "bad.json").write_text("[1, 2")
    out, err = StringIO(), StringIO()
    call_command("import_ninjs", str(tmp_path), "--source", afp.slug, stdout=out, stderr=err)
    assert "2 new" in out.getvalue() and "1 failed" in out.getvalue()
    assert "bad.json" in err.getvalue()
    out = StringIO()
    call_command("import_ninjs", str(tmp_path), "--source", afp.slug, stdout=out, stderr=err)
    assert "3 already there" in out.getvalue()  # the broken one is not stored twice
    assert WireItem.objects.filter(source=afp).count() == 3
    with pytest.raises(CommandError, match="No such"):
        call_command("import_ninjs", str(tmp_path / "nope"))


def test_import_ninjs_command_adds_pictures_in_a_users_name(
    tmp_path, afp, local_http, settings, django_user_model
):
    from io import StringIO

    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    from newsdesk.content.models import Image
    from tests.builders import jpeg_bytes
    from tests.localhttp import Reply

    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/p.jpg"] = Reply(200, jpeg_bytes(120, 80), {"Content-Type": "image/jpeg"})
    picture = {
        "uri": "urn:afp:pic",
        "type": "picture",
        "descriptions": [{"role": "caption", "value": "Quay"}],
        "by": "AFP",
        "renditions": [{"name": "hi", "href": local_http.url("/p.jpg")}],
    }
    (tmp_path / "pic.json").write_text(json.dumps(picture))
    photo = django_user_model.objects.create_user("photo", is_staff=True)
    photo.user_permissions.set(Permission.objects.filter(codename="add_image"))
    out, err = StringIO(), StringIO()
    call_command("import_ninjs", str(tmp_path), "--source", afp.slug, stdout=out, stderr=err)
    assert "--user" in WireItem.objects.get(guid="urn:afp:pic").error  # no one to add it as
    WireItem.objects.all().delete()
    call_command("import_ninjs", str(tmp_path), "--user", "photo", stdout=out, stderr=err)
    image = Image.objects.get()
    assert (image.caption, image.credit, image.uploaded_by) == ("Quay", "AFP", photo)
