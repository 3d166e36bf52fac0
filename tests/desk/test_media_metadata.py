"""Originals keep no location or personal metadata in any block (EXIF, XMP, IPTC,
comments, second images), lose no quality, keep their orientation, and a large picture is
not decoded whole on upload."""

import io
import os
import struct
import subprocess
import sys
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from newsdesk.content.image_metadata import strip
from newsdesk.content.models import Image

SECRETS = [
    b"GPSLatitude",
    b"35,41.3",
    b"Jane Photographer",
    b"TestCam",
    b"SN-998877",
    b"Secret comment",
    b"Tehran office",
]
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="35,41.3N" exif:GPSLongitude="51,23.1E"/></rdf:RDF></x:xmpmeta>'
)


def exif_with_everything(orientation=6) -> PILImage.Exif:
    exif = PILImage.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0xA431] = "SN-998877"  # BodySerialNumber (in the Exif IFD on real cameras)
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (51.0, 23.0, 10.0)}
    return exif


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def camera_jpeg() -> bytes:
    picture = PILImage.new("RGB", (640, 480), (10, 120, 200))
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif_with_everything(), quality=90)
    data = out.getvalue()
    extra = (
        segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
        + segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0eTehran office")
        + segment(0xFE, b"Secret comment")
    )
    # A second image after the first, as MPF writes it, with its own EXIF.
    return data[:2] + extra + data[2:] + data


def pixels(data: bytes) -> bytes:
    return PILImage.open(io.BytesIO(data)).convert("RGB").tobytes()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def camera_png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (320, 240), (200, 30, 30)).save(
        out, "PNG", exif=exif_with_everything(orientation=1)
    )
    data = out.getvalue()
    extra = png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP) + png_chunk(
        b"tEXt", b"Author\x00Jane Photographer"
    )
    return data[:33] + extra + data[33:]  # after IHDR


def camera_webp() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (320, 240), (30, 200, 30)).save(
        out, "WEBP", exif=exif_with_everything(), xmp=XMP, lossless=True
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "orientation"),
    [
        ("camera.jpg", camera_jpeg, 6),
        ("screen.png", camera_png, None),
        ("web.webp", camera_webp, 6),
    ],
)
def test_upload_keeps_no_metadata_block(client, contributor, name, make, orientation):
    original = make()
    client.force_login(contributor)
    response = client.post(
        reverse("desk:media"), {"file": SimpleUploadedFile(name, original), "alt_text": "x"}
    )
    assert response.status_code == 302, response.content[:500]
    stored = Image.objects.get().file.read()
    for secret in SECRETS:
        assert secret not in stored, secret
    assert pixels(stored) == pixels(original)  # lossless: not re-encoded
    assert PILImage.open(io.BytesIO(stored)).getexif().get(0x0112) == orientation


def test_the_jpeg_that_came_in_had_every_block():
    original = camera_jpeg()
    for secret in SECRETS:
        assert secret in original, secret


def test_stripping_refuses_truncated_files():
    from django.core.exceptions import ValidationError

    data = camera_jpeg()
    with pytest.raises(ValidationError):
        strip(data[:200], "JPEG")
    with pytest.raises(ValidationError):
        strip(camera_png()[:60], "PNG")


UPLOAD_IN_A_PROCESS = """
import io, resource, sys
import django
django.setup()
from newsdesk.content.services import media
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
image = media._open_checked(data)
media._without_metadata(data, image)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_a_49_megapixel_png_is_checked_without_decoding_it(tmp_path):
    out = io.BytesIO()
    PILImage.new("RGB", (7000, 7000), (255, 255, 255)).save(out, "PNG", optimize=True)
    path = tmp_path / "big.png"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 1_000_000
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", UPLOAD_IN_A_PROCESS, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-800:]
    grown_kb = int(result.stdout.strip().splitlines()[-1])
    assert grown_kb < 40 * 1024, f"{grown_kb} KB"
