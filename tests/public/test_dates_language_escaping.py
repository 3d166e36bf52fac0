"""What the page templates do to values on their way out: times in the site's time zone,
month names and text direction in the edition's language, text escaped exactly once, and
pictures (whose HTML is kept between requests) as the image is now."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

# 22:00 UTC on March 1st is already March 2nd in Tehran (UTC+03:30).
LATE_EVENING_UTC = datetime(2026, 3, 1, 22, 0, tzinfo=UTC)


@override_settings(TIME_ZONE="Asia/Tehran")
def test_times_are_shown_in_the_site_time_zone(client, newsroom):
    story = newsroom.story("Late news", published_at=LATE_EVENING_UTC)
    card = client.get("/").content.decode()
    assert '<time datetime="2026-03-01T22:00:00+00:00">March 2, 2026</time>' in card
    page = client.get(story.get_absolute_url()).content.decode()
    assert "March 2, 2026, 01:30 +0330</time>" in page


def test_month_names_and_direction_follow_the_edition_not_the_browser(client, newsroom):
    newsroom.story("Late news", published_at=LATE_EVENING_UTC)
    for browser in ("fa", "ar", "de", "en"):
        html = client.get("/", HTTP_ACCEPT_LANGUAGE=browser).content.decode()
        assert '<html lang="en-us" dir="ltr">' in html
        assert ">March 1, 2026</time>" in html


def test_hostile_text_on_a_card_is_escaped_once(client, newsroom):
    headline = 'Q&A: "<b>tax</b>" & <script>x()</script>'
    newsroom.story(
        headline,
        section=newsroom.section("Tom & Jerry's <i>"),
        standfirst="<img src=x onerror=alert(1)> & more",
        bylines=[newsroom.person("A & <B>")],
    )
    html = client.get("/").content.decode()
    card = re.search(r'<article class="card[^"]*">.*?</article>', html, re.S).group(0)
    title = re.search(r'<h2 class="card-title"><a href="[^"]+">(.*?)</a>', card).group(1)
    assert "<" not in title and unescape(title) == headline
    kicker = re.search(r'<p class="kicker"><a href="[^"]+">(.*?)</a>', card).group(1)
    assert unescape(kicker) == "Tom & Jerry's <i>"
    standfirst = re.search(r'<p class="standfirst">(.*?)</p>', card).group(1)
    assert "<" not in standfirst and unescape(standfirst) == "<img src=x onerror=alert(1)> & more"
    byline = re.search(r'<span class="byline">By (.*?)</span>', card).group(1)
    assert unescape(byline) == "A & <B>"


def test_a_picture_shows_its_new_description_and_file_at_once(client, newsroom):
    image = newsroom.image(alt_text="Harbour at dawn")
    newsroom.story("Harbour", featured_image=image)
    assert 'alt="Harbour at dawn"' in client.get("/").content.decode()
    image.alt_text = "Fishing boats leaving the harbour at dawn"
    image.file.name = "originals/replaced.jpg"
    image.save()
    html = client.get("/").content.decode()
    assert 'alt="Fishing boats leaving the harbour at dawn"' in html
    assert 'src="/media/originals/replaced.jpg"' in html and "Harbour at dawn" not in html
