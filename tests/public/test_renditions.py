"""Pictures reach the reader in one request: pages link each rendition's own file, a
missing one is made on its first request and answered at once (no redirect), and every
answer may be cached for a year."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from newsdesk.content.models import Rendition
from newsdesk.content.services import media
from tests.builders import jpeg_bytes

pytestmark = pytest.mark.django_db


def wide_image(newsroom):
    image = newsroom.image(alt_text="Harbour at dawn")
    image.file.save("harbour.jpg", SimpleUploadedFile("harbour.jpg", jpeg_bytes(1000, 500)))
    image.refresh_from_db()
    return image


def srcset_urls(html: str) -> list[str]:
    urls = []
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls += [candidate.split()[0] for candidate in srcset.split(", ")]
    return urls


def test_story_pictures_are_fetched_without_a_redirect_and_cached_for_good(client, newsroom):
    image = wide_image(newsroom)
    story = newsroom.story("Harbour reopens", section=newsroom.section(), featured_image=image)
    page = client.get(story.get_absolute_url()).content.decode()
    urls = srcset_urls(page)
    assert len(urls) == 8  # four widths, WebP and JPEG
    assert not Rendition.objects.exists()  # none made yet: made when first asked for

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "max-age=31536000" in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        picture = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
        width = int(re.search(r"-(\d+)\.\w+$", url)[1])
        assert picture.size == (width, width // 2)
        assert picture.format == ("WEBP" if url.endswith(".webp") else "JPEG")
        assert response["Content-Type"] == f"image/{url.rsplit('.', 1)[1]}"
    assert Rendition.objects.filter(image=image).count() == 8

    client.get(urls[0])  # asked again: the same file, not a new one
    assert Rendition.objects.filter(image=image).count() == 8


def test_the_pages_largest_picture_is_fetched_first(client, newsroom):
    image = wide_image(newsroom)
    story = newsroom.story("Harbour reopens", section=newsroom.section(), featured_image=image)
    page = client.get(story.get_absolute_url()).content.decode()
    featured = re.search(r'<figure class="featured">.*?</figure>', page, re.S)[0]
    assert 'fetchpriority="high"' in featured and 'loading="lazy"' not in featured
    home = client.get("/").content.decode()
    lead = re.search(r'<section class="lead".*?</section>', home, re.S)[0]
    assert 'fetchpriority="high"' in lead
    assert home.count('fetchpriority="high"') == 1


def test_unknown_renditions_are_not_found(client, newsroom):
    image = wide_image(newsroom)
    good = media.rendition_url(image, 320, "webp")
    for bad in (
        good.replace("-320.webp", "-777.webp"),  # a width the site never links
        good.replace("-320.webp", "-320.gif"),
        good.replace("harbour", "elsewhere"),  # another original's name
        good.replace(f"/{image.pk}/", f"/{image.pk + 1}/"),
        good.replace("-320.webp", ".webp"),
    ):
        assert client.get(bad).status_code == 404, bad
    assert not Rendition.objects.exists()


def test_former_image_addresses_lead_to_the_rendition(client, newsroom):
    image = wide_image(newsroom)
    newsroom.story("Harbour reopens", featured_image=image)  # live: readers may see it
    response = client.get(reverse("public:rendition", args=[image.pk, 640, "jpeg"]))
    assert response.status_code == 301
    assert response["Location"] == media.rendition_url(image, 640, "jpeg")
    assert client.get(response["Location"]).status_code == 200
