"""The media library: checked uploads, no location data kept, renditions made once, and
pages that emit srcset/sizes with a fixed number of queries."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage

from newsdesk.content.models import GalleryItem, Image, Kind, Rendition
from newsdesk.content.services import media
from tests.builders import jpeg_bytes

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    picture = PILImage.new("RGB", (800, 600), (10, 120, 200))
    exif = PILImage.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[GPS_IFD] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (51.0, 23.0, 10.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_claiming(width, height) -> bytes:
    """A tiny PNG whose header claims `width` × `height`: a decompression bomb's shape."""
    out = io.BytesIO()
    PILImage.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def upload(client, name, content, **fields):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("desk:media"), {"file": file, **fields})


def test_upload_strips_gps_and_personal_exif_and_keeps_details(client, contributor):
    client.force_login(contributor)
    original = jpeg_with_gps()
    assert GPS_IFD in PILImage.open(io.BytesIO(original)).getexif()
    response = upload(client, "scene.jpg", original, alt_text="Rescue boat", credit="Photo: AP")
    assert response.status_code == 302
    image = Image.objects.get()
    stored = PILImage.open(image.file.path)
    assert GPS_IFD not in stored.getexif()
    assert 0x010F not in stored.getexif()  # the camera's make goes too
    assert (image.width, image.height) == (800, 600)
    assert (image.alt_text, image.credit, image.uploaded_by) == (
        "Rescue boat",
        "Photo: AP",
        contributor,
    )


def test_bad_uploads_get_a_clear_error_and_store_nothing(client, contributor):
    client.force_login(contributor)
    cases = [
        ("bomb.png", png_claiming(30_000, 30_000), "too large to open safely (decompression bomb)"),
        ("huge.png", png_claiming(10_000, 6_000), "10000×6000 pixels; the limit is 50 megapixels"),
        ("notes.jpg", b"this is not a picture at all", "not a readable JPEG, PNG or WebP"),
        ("anim.gif", _gif(), "GIF files are not accepted"),
        ("cut.jpg", jpeg_bytes(400, 300)[:300], "not a readable JPEG, PNG or WebP"),
    ]
    for name, content, message in cases:
        response = upload(client, name, content, alt_text="x")
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert Image.objects.count() == 0


def _gif():
    out = io.BytesIO()
    PILImage.new("P", (4, 4)).save(out, "GIF")
    return out.getvalue()


def test_renditions_are_made_once_and_served_by_stable_urls(client, newsroom):
    image = newsroom.image()
    image.file.save("wide.jpg", SimpleUploadedFile("wide.jpg", jpeg_bytes(1000, 500)))
    image.refresh_from_db()
    newsroom.story("Shows the picture", featured_image=image)  # readers may see it
    assert media.rendition_widths(image) == [320, 640, 960, 1000]
    assert media.make_all_renditions(image.pk) == 8
    assert Rendition.objects.filter(image=image).count() == 8
    small = Rendition.objects.get(image=image, width=320, format="webp")
    assert PILImage.open(small.file.path).size == (320, 160)
    assert PILImage.open(small.file.path).format == "WEBP"

    assert small.file.name == media.rendition_name(image, 320, "webp")  # at its known name
    assert client.get(reverse("public:rendition", args=[image.pk, 777, "jpeg"])).status_code == 404
    assert client.get(reverse("public:rendition", args=[image.pk, 320, "gif"])).status_code == 404


def gallery_story(newsroom, count):
    story = newsroom.story("Pictures: the flood", section=newsroom.section(), kind=Kind.PHOTO)
    for position in range(count):
        picture = newsroom.image(alt_text=f"Picture {position}", caption=f"Caption {position}")
        GalleryItem.objects.create(story=story, image=picture, position=position)
    return story


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_thirty_picture_gallery_costs_the_same_queries_as_three(client, newsroom):
    three = gallery_story(newsroom, 3)
    thirty = gallery_story(newsroom, 30)
    count_queries(client, three.get_absolute_url())  # warm caches (site navigation etc.)
    assert count_queries(client, thirty.get_absolute_url()) == count_queries(
        client, three.get_absolute_url()
    )


def test_gallery_is_accessible_linkable_and_responsive(client, newsroom):
    story = gallery_story(newsroom, 4)
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'aria-labelledby="gallery-heading"' in page
    assert page.count('class="gallery-item" tabindex="0"') == 4
    assert 'id="photo-3"' in page and 'href="#photo-3"' in page
    assert "Caption 2" in page and "Photo: Test" in page
    assert 'type="image/webp" srcset="/media/renditions/' in page
    assert 'sizes="(min-width: 62rem) 60rem, 100vw"' in page
    assert 'width="64" height="48"' in page
    assert page.count('loading="lazy"') >= 4
    assert "public/gallery.js" in page


def test_library_pictures_in_the_body_get_size_srcset_and_lazy_loading(newsroom, desk_editor):
    from newsdesk.content.services import revisions

    image = newsroom.image(alt_text="Harbour at dawn")
    image.file.save("harbour.jpg", SimpleUploadedFile("harbour.jpg", jpeg_bytes(800, 400)))
    from_editor = (
        f'<p>Text</p><img src="{image.file.url}" alt="">'
        '<img src="https://elsewhere.example/x.jpg" alt="other">'
    )
    story = revisions.create_story(
        {"headline": "H", "body": from_editor, "section": newsroom.section()}, desk_editor
    )
    body = story.body
    assert 'width="800" height="400"' in body
    assert 'alt="Harbour at dawn"' in body  # the library's alt text when the editor gave none
    first_two = [media.rendition_url(image, width, "jpeg") for width in (320, 640)]
    assert f'srcset="{first_two[0]} 320w, {first_two[1]} 640w, ' in body
    assert 'loading="lazy"' in body
    assert '<img src="https://elsewhere.example/x.jpg" alt="other">' in body
    # The editor hands back only src and alt; the next save restores the rest.
    again = revisions.save_story(story, {"body": from_editor}, desk_editor, story.version)
    assert again.body == body


def test_library_shows_each_picture_small_not_its_original(client, newsroom, desk_editor):
    """Sixty originals of several megabytes each would be a long wait for a page of
    thumbnails: the library shows each picture's smallest rendition."""
    image = newsroom.image(alt_text="Harbour at dawn")
    image.file.save("harbour.jpg", SimpleUploadedFile("harbour.jpg", jpeg_bytes(1000, 500)))
    client.force_login(desk_editor)
    page = client.get(reverse("desk:media")).content.decode()
    thumb = page.split('alt="Harbour at dawn"')[0].rsplit("<img", 1)[1]
    src = thumb.split('src="')[1].split('"')[0]
    assert image.file.url not in thumb
    assert client.get(src, follow=True).status_code == 200  # made on its first request
    small = Rendition.objects.get(image=image)
    assert PILImage.open(small.file.path).size == (320, 160)
