"""Pictures of drafts and embargoed stories are not fetchable by guessing ids or names:
not the rendition URLs, not the original, not the rendition files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Status
from newsdesk.content.services import media


@pytest.fixture
def pictures(newsroom):
    draft_picture = newsroom.image(alt_text="Secret scene")
    embargoed_picture = newsroom.image(alt_text="Embargoed scene")
    live_picture = newsroom.image(alt_text="Public scene")
    newsroom.story("Draft", status=Status.DRAFT, featured_image=draft_picture)
    newsroom.story(
        "Tomorrow",
        status=Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
        featured_image=embargoed_picture,
    )
    newsroom.story("Live", featured_image=live_picture)
    return draft_picture, embargoed_picture, live_picture


def urls_of(image):
    width = media.rendition_widths(image)[0]
    made = media.rendition(image, width, "webp")
    return [f"/images/{image.pk}/{width}.webp", image.file.url, made.file.url]


def test_anonymous_readers_get_only_published_pictures(client, pictures):
    draft_picture, embargoed_picture, live_picture = pictures
    for image in (draft_picture, embargoed_picture):
        for url in urls_of(image):
            assert client.get(url).status_code == 404, url
    rendition, original, file = urls_of(live_picture)
    response = client.get(rendition)
    assert response.status_code == 301 and "immutable" in response["Cache-Control"]
    assert client.get(original).status_code == 200
    assert client.get(file).status_code == 200


def test_newsroom_previews_them_privately(client, pictures, editor):
    draft_picture = pictures[0]
    client.force_login(editor)
    rendition, original, file = urls_of(draft_picture)
    response = client.get(rendition)
    assert response.status_code == 302 and "private" in response["Cache-Control"]
    assert client.get(original).status_code == 200
    assert client.get(file).status_code == 200


def test_a_picture_in_a_live_story_body_is_public(client, newsroom):
    image = newsroom.image()
    newsroom.story("Body picture", body=f'<p>x</p><img src="{image.file.url}" alt="a">')
    assert client.get(image.file.url).status_code == 200


def test_in_production_the_front_server_sends_the_files_the_app_allows(client, pictures, settings):
    settings.NEWSDESK_MEDIA_ACCEL_PREFIX = "/_media/"
    draft_picture, _, live_picture = pictures
    response = client.get(live_picture.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_media/" + live_picture.file.name
    assert response["Content-Type"].startswith("image/")
    # The check stays the app's: nginx is never told to send a draft's picture.
    refused = client.get(draft_picture.file.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
