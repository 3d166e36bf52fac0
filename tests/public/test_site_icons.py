"""Every page names the site's icons and manifest, and each answers: drawn from the site's
name, or from the configured logo."""

import io
import json
import re

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db


def head_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="([^"]+)" href="([^"]+)"', html))


def picture(response) -> PILImage.Image:
    return PILImage.open(io.BytesIO(response.content))


def test_pages_link_icons_that_exist(client, newsroom):
    story = newsroom.story("Harbour reopens", section=newsroom.section())
    for url in ("/", story.get_absolute_url(), "/blog/", "/no/such/page/"):
        links = head_links(client.get(url).content.decode())
        favicon = client.get(links["icon"])
        assert favicon.status_code == 200 and favicon["Content-Type"] == "image/x-icon"
        assert picture(favicon).format == "ICO"
        touch = client.get(links["apple-touch-icon"])
        assert touch["Content-Type"] == "image/png" and picture(touch).size == (180, 180)
        assert client.get(links["manifest"]).status_code == 200
    assert client.get("/favicon.ico").status_code == 200  # where browsers look unasked


def test_manifest_names_the_site_and_its_icons(client, settings):
    settings.NEWSDESK_SITE_NAME = "The Harbour Gazette"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "The Harbour Gazette"
    assert manifest["start_url"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        image = picture(client.get(icon["src"]))
        assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(image.width)
    assert {192, 512} <= sizes


def test_icon_is_drawn_from_the_name_in_the_site_colours(client, settings):
    settings.NEWSDESK_SITE_NAME = "Harbour Gazette"
    icon = picture(client.get("/icon-192.png")).convert("RGB")
    assert icon.getpixel((2, 2)) == (0xA3, 0x00, 0x0B)  # the accent around the letter
    colours = {colour for _, colour in icon.getcolors(192 * 192)}
    assert (255, 255, 255) in colours  # the initial, in white


def test_configured_logo_becomes_the_icon(client, settings, tmp_path):
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (300, 100), (10, 120, 200)).save(logo)
    settings.NEWSDESK_ICON_FILE = str(logo)
    icon = picture(client.get("/apple-touch-icon.png")).convert("RGB")
    assert icon.size == (180, 180)
    assert icon.getpixel((90, 90)) == (10, 120, 200)  # the logo, centred
    assert icon.getpixel((90, 5)) == (255, 255, 255)  # on white above and below it
