import io

from django.utils import timezone

from newsdesk.api import keys
from newsdesk.api.models import ApiKey
from newsdesk.content.models import Image, Status, Story
from tests.api.helpers import bearer, key_for, user_with_perms
from tests.builders import jpeg_bytes

REPORTER = ("add_story", "change_story", "add_image")
EDITOR = (*REPORTER, "publish_story", "edit_others_story")


def post(client, url, data, raw_key, method="post"):
    call = getattr(client, method)
    return call(url, data, content_type="application/json", **bearer(raw_key))


def test_create_update_publish_unpublish(client, newsroom, django_user_model):
    section, tag, person = newsroom.section("World"), newsroom.tag("Oil"), newsroom.person("Ana")
    editor = user_with_perms(django_user_model, "ed", *EDITOR)
    raw = key_for(editor)
    response = post(
        client,
        "/api/stories",
        {
            "headline": "Fresh & <new>",
            "body": "<p>Hi<script>alert(1)</script></p>",
            "section": section.slug,
            "tags": [tag.slug],
            "bylines": [person.slug],
        },
        raw,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    story = Story.objects.get(pk=created["id"])
    assert story.status == Status.DRAFT and story.created_by == editor
    assert story.body == "<p>Hi</p>"  # the one sanitizer ran
    assert created["section"]["slug"] == section.slug and created["bylines"][0]["name"] == "Ana"
    assert client.get(f"/api/stories/{story.pk}").status_code == 404  # drafts are not public

    response = post(
        client,
        f"/api/stories/{story.pk}",
        {"standfirst": "Now with summary", "version": 1},
        raw,
        method="patch",
    )
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.standfirst == "Now with summary" and story.headline == "Fresh & <new>"
    notes = list(story.revisions.order_by("version").values_list("version", "note"))
    assert notes == [(1, "Created through the API"), (2, "Edited through the API")]
    assert [t.slug for t in story.tags.all()] == [tag.slug]  # untouched fields stay

    response = post(client, f"/api/stories/{story.pk}/transitions", {"to": "published"}, raw)
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert client.get(f"/api/stories/{story.pk}").status_code == 200

    response = post(client, f"/api/stories/{story.pk}/transitions", {"to": "unpublished"}, raw)
    assert response.status_code == 200
    assert client.get(f"/api/stories/{story.pk}").status_code == 404


def test_schedule_for_later(client, newsroom, django_user_model):
    editor = user_with_perms(django_user_model, "ed", *EDITOR)
    story = newsroom.story("Later", status=Status.DRAFT, section=newsroom.section())
    at = (timezone.now() + timezone.timedelta(hours=2)).isoformat()
    response = post(
        client,
        f"/api/stories/{story.pk}/transitions",
        {"to": "published", "at": at},
        key_for(editor),
    )
    assert response.status_code == 200 and response.json()["status"] == "scheduled"


def test_validation_errors_name_the_field_and_keep_nothing(client, newsroom, django_user_model):
    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    response = post(client, "/api/stories", {"standfirst": "no headline"}, raw)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "headline"
    response = post(client, "/api/stories", {"headline": "   "}, raw)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "headline"
    response = post(client, "/api/stories", {"headline": "X", "section": "no-such"}, raw)
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == "section" and "no-such" in detail["msg"]
    response = post(client, "/api/stories", {"headline": "X", "featured_image": 999}, raw)
    assert response.json()["detail"][0]["loc"][-1] == "featured_image"
    response = client.post(
        "/api/stories", "{not json", content_type="application/json", **bearer(raw)
    )
    assert response.status_code in (400, 422)
    assert Story.objects.count() == 0
    story = newsroom.story("Live")
    response = post(client, f"/api/stories/{story.pk}/transitions", {"to": "flying"}, raw)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "to"
    response = post(client, f"/api/stories/{story.pk}/transitions", {"to": "draft"}, raw)
    assert response.status_code == 409


def test_keys_scope_permissions_and_revocation(client, newsroom, django_user_model):
    reporter = user_with_perms(django_user_model, "rep", *REPORTER)
    editor = user_with_perms(django_user_model, "ed", *EDITOR)
    draft_by_editor = newsroom.story("Theirs", status=Status.DRAFT, created_by=editor)

    assert post(client, "/api/stories", {"headline": "X"}, "").status_code == 401
    response = client.post("/api/stories", {"headline": "X"}, content_type="application/json")
    assert response.status_code == 401 and response.json()["detail"]

    read_key = key_for(editor, ApiKey.Scope.READ)
    response = post(client, "/api/stories", {"headline": "X"}, read_key)
    assert response.status_code == 403 and "read" in response.json()["detail"]

    rep_key = key_for(reporter)
    response = post(
        client,
        f"/api/stories/{draft_by_editor.pk}",
        {"headline": "Mine now"},
        rep_key,
        method="patch",
    )
    assert response.status_code == 403 and "edit_others_story" in response.json()["detail"]
    response = post(
        client, f"/api/stories/{draft_by_editor.pk}/transitions", {"to": "published"}, rep_key
    )
    assert response.status_code == 403
    draft_by_editor.refresh_from_db()
    assert draft_by_editor.headline == "Theirs" and draft_by_editor.status == Status.DRAFT

    own = post(client, "/api/stories", {"headline": "Own"}, rep_key).json()
    response = post(
        client,
        f"/api/stories/{own['id']}",
        {"headline": "Own, edited", "version": 1},
        rep_key,
        method="patch",
    )
    assert response.status_code == 200

    key = ApiKey.objects.get(user=reporter)
    assert key.last_used_at is not None
    assert key.key_hash != rep_key and rep_key not in key.key_hash  # only a hash is stored
    keys.revoke(key)
    response = post(client, "/api/stories", {"headline": "After revoke"}, rep_key)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_image_upload(client, django_user_model):
    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    upload = io.BytesIO(jpeg_bytes(80, 60))
    upload.name = "photo.jpg"
    response = client.post(
        "/api/images",
        {"file": upload, "alt_text": "A red square", "credit": "Photo: Me"},
        **bearer(raw),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    image = Image.objects.get(pk=body["id"])
    assert (image.width, image.height) == (80, 60) and body["width"] == 80
    assert image.alt_text == "A red square"
    assert body["url"] == f"http://testserver{image.file.url}"
    assert image.file.storage.exists(image.file.name)

    fake = io.BytesIO(b"<html>not a picture</html>")
    fake.name = "evil.jpg"
    response = client.post("/api/images", {"file": fake}, **bearer(raw))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "file"
    assert Image.objects.count() == 1


def test_write_rate_limit(client, django_user_model, settings):
    settings.NEWSDESK_API_WRITE_RATE = "2/m"
    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    codes = [post(client, "/api/stories", {"headline": f"S{n}"}, raw).status_code for n in range(3)]
    assert codes == [201, 201, 429]
    assert Story.objects.count() == 2
    # reads are not limited by it
    assert client.get("/api/stories", **bearer(raw)).status_code == 200


def test_nul_characters_are_refused_by_name(client, newsroom, django_user_model):
    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    response = post(client, "/api/stories", {"headline": "A\u0000B"}, raw)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "headline"
    response = client.get("/api/stories?section=a%00b")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "section"]
    response = client.get("/api/stories", HTTP_AUTHORIZATION="Bearer nd_\u0000_x")
    assert response.status_code == 401
    assert Story.objects.count() == 0


def test_schedule_time_with_odd_offset_is_stored_in_utc(client, newsroom, django_user_model):
    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    story = newsroom.story("Later", status=Status.DRAFT, section=newsroom.section())
    url = f"/api/stories/{story.pk}/transitions"
    response = post(client, url, {"to": "published", "at": "2999-01-01T00:00:00+16:30"}, raw)
    assert response.status_code == 200 and response.json()["status"] == "scheduled"
    story.refresh_from_db()
    assert story.published_at.isoformat() == "2998-12-31T07:30:00+00:00"
    response = post(client, url, {"to": "published", "at": "0001-01-01T00:00:00+01:00"}, raw)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "at"


def test_api_upload_strips_gps_like_the_desk(client, django_user_model):
    from PIL import Image as PILImage

    from tests.desk.test_media import GPS_IFD, jpeg_with_gps

    raw = key_for(user_with_perms(django_user_model, "ed", *EDITOR))
    upload = io.BytesIO(jpeg_with_gps())
    upload.name = "located.jpg"
    response = client.post("/api/images", {"file": upload, "alt_text": "A place"}, **bearer(raw))
    assert response.status_code == 201, response.content
    image = Image.objects.get(pk=response.json()["id"])
    with image.file.open("rb") as stored:
        assert GPS_IFD not in PILImage.open(stored).getexif()
