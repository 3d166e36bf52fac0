"""What the desk adds to public pages (gallery, corrections, embeds, preview links) is
valid HTML by the W3C Nu checker, like every other public page."""

import pytest

from newsdesk.content.models import Correction, GalleryItem, Kind, Status
from newsdesk.content.services import previews
from tests.htmlcheck import html_problems


@pytest.mark.django_db
def test_gallery_corrections_embeds_and_preview_pages_are_valid(client, newsroom, tmp_path):
    section = newsroom.section("Photos")
    story = newsroom.story(
        "Pictures: the harvest",
        section=section,
        kind=Kind.PHOTO,
        featured_image=newsroom.image(),
        body='<p>Intro.</p><div class="embed embed-youtube" data-embed-provider="youtube" '
        'data-embed-url="https://youtu.be/abcdefg"><a href="https://youtu.be/abcdefg">'
        "Watch on YouTube: https://youtu.be/abcdefg</a></div>",
    )
    for position in range(3):
        GalleryItem.objects.create(story=story, image=newsroom.image(), position=position)
    Correction.objects.create(story=story, text="An earlier version gave the wrong date.")
    Correction.objects.create(story=story, kind="update", text="Added pictures.")
    draft = newsroom.story("Unreleased", section=section, status=Status.DRAFT)
    pages = {
        "gallery-story": story.get_absolute_url(),
        "shared-preview": f"/desk/preview/{previews.make_token(draft)}/",
        "bad-preview": "/desk/preview/nonsense/",
    }
    rendered = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (403 if name == "bad-preview" else 200), url
        rendered[name] = response.content
    assert html_problems(rendered, tmp_path) == []
