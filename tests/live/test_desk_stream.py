"""The desk's live stream and breaking alerts, over HTTP with real sessions and CSRF."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.live.models import BreakingAlert, LiveBlog, LiveEntry
from tests.live.conftest import staff

FRAGMENT = {"HTTP_X_LIVE_STREAM": "1"}


@pytest.fixture
def desk(chief):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chief)
    return client


def csrf(client, path):
    client.get(path)
    return client.cookies["csrftoken"].value


def post(client, path, data, **extra):
    token = csrf(client, "/desk/live/")
    return client.post(path, {"csrfmiddlewaretoken": token, **data}, **extra)


def test_stream_posts_and_answers_the_script_with_the_list(desk, blog):
    page = desk.get(f"/desk/live/{blog.pk}/").content.decode()
    assert 'aria-keyshortcuts="Control+Enter Meta+Enter"' in page
    response = post(
        desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "Winds at 120 km/h"}, **FRAGMENT
    )
    assert response.status_code == 200
    assert "<p>Winds at 120 km/h</p>" in response.content.decode()
    entry = LiveEntry.objects.get()
    assert entry.body == "<p>Winds at 120 km/h</p>" and entry.created_by.username == "edna"


def test_without_script_a_post_redirects_back_to_the_stream(desk, blog):
    response = post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "Plain post"})
    assert response.status_code == 302 and response.url == f"/desk/live/{blog.pk}/"


def test_empty_or_unsafe_text_is_refused_and_nothing_is_lost(desk, blog):
    response = post(
        desk, f"/desk/live/{blog.pk}/entries/new/", {"title": "Kept", "body": "<p> </p>"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "An entry needs some text." in html and 'value="Kept"' in html
    script = post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": ""}, **FRAGMENT)
    assert script.status_code == 400 and script.content
    post(
        desk,
        f"/desk/live/{blog.pk}/entries/new/",
        {"body": '<p onclick="x()">Hi<script>alert(1)</script></p>'},
    )
    assert LiveEntry.objects.get().body == "<p>Hi</p>"


def test_edit_flag_and_delete_from_the_stream(desk, blog):
    post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "First"})
    entry = LiveEntry.objects.get()
    post(desk, f"/desk/live/{blog.pk}/entries/{entry.pk}/", {"body": "First, corrected"})
    post(desk, f"/desk/live/{blog.pk}/entries/{entry.pk}/flag/", {"flag": "key_event"})
    post(desk, f"/desk/live/{blog.pk}/entries/{entry.pk}/flag/", {"flag": "pinned"})
    entry.refresh_from_db()
    assert (entry.body, entry.key_event, entry.pinned) == ("<p>First, corrected</p>", True, True)
    post(desk, f"/desk/live/{blog.pk}/entries/{entry.pk}/delete/", {})
    assert not LiveEntry.objects.exists()


def test_one_pinned_entry_at_a_time(desk, blog):
    for text in ("One", "Two"):
        post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": text, "pinned": "on"})
    assert [e.body for e in LiveEntry.objects.filter(pinned=True)] == ["<p>Two</p>"]


def test_archived_blog_takes_no_entries_until_reopened(desk, blog):
    post(desk, f"/desk/live/{blog.pk}/state/", {"state": "archived"})
    assert LiveBlog.objects.get().archived and LiveBlog.objects.get().coverage_end
    refused = post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "Late"}, **FRAGMENT)
    assert refused.status_code == 400 and "archived" in refused.content.decode()
    post(desk, f"/desk/live/{blog.pk}/state/", {"state": "open"})
    assert post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "Back"}).status_code == 302


def test_other_editors_entries_show_in_the_polled_list(desk, blog, django_user_model):
    other = Client()
    other.force_login(staff(django_user_model, "omar", "Editor"))
    post(desk, f"/desk/live/{blog.pk}/entries/new/", {"body": "From Edna"})
    assert "From Edna" in other.get(f"/desk/live/{blog.pk}/entries/").content.decode()


def test_contributors_cannot_post_to_a_published_blog_nor_set_alerts(writer, blog):
    client = Client()
    client.force_login(writer)
    assert client.post(f"/desk/live/{blog.pk}/entries/new/", {"body": "x"}).status_code == 403
    response = client.post("/desk/live/alerts/", {"headline": "Quake"})
    assert response.status_code == 403 and not BreakingAlert.objects.exists()
    assert client.get("/desk/live/").status_code == 200


def test_readers_and_articles_have_no_stream(client, newsroom, chief):
    article = newsroom.story("Plain article")
    assert client.get(f"/desk/live/{article.pk}/").status_code == 302  # to the login
    desk = Client()
    desk.force_login(chief)
    assert desk.get(f"/desk/live/{article.pk}/").status_code == 403


def test_alert_set_from_the_desk_shows_on_every_page_and_one_click_ends_it(
    desk, client, newsroom, blog
):
    story = newsroom.story("Any story")
    post(
        desk,
        "/desk/live/alerts/",
        {"headline": "Quake hits the coast", "link": "https://example.org/q"},
    )
    for path in ("/", story.get_absolute_url(), "/blog/", blog.get_absolute_url()):
        html = client.get(path).content.decode()
        assert "Quake hits the coast" in html and 'href="https://example.org/q"' in html, path
    alert = BreakingAlert.objects.get()
    assert f"/desk/live/alerts/{alert.pk}/end/" in desk.get("/desk/live/").content.decode()
    post(desk, f"/desk/live/alerts/{alert.pk}/end/", {})
    assert "Quake hits the coast" not in client.get("/").content.decode()


def test_alert_link_must_be_a_web_address(desk):
    response = post(desk, "/desk/live/alerts/", {"headline": "X", "link": "javascript:alert(1)"})
    assert response.status_code == 400
    assert "Enter a web address starting with http:// or https://." in response.content.decode()
    assert not BreakingAlert.objects.exists()


def test_an_expired_alert_is_not_shown(client, newsroom):
    BreakingAlert.objects.create(
        headline="Old news", expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert "Old news" not in client.get("/").content.decode()


def test_stream_page_links(desk, blog):
    edit = desk.get(f"/desk/stories/{blog.pk}/").content.decode()
    assert f'href="/desk/live/{blog.pk}/"' in edit
    assert 'href="/desk/live/"' in desk.get("/desk/").content.decode()
