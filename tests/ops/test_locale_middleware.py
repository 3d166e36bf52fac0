"""Readers' pages speak their edition's language, whatever the browser asks, and say so in
their headers; the desk follows the editor (their browser until they choose)."""

import pytest

pytestmark = pytest.mark.django_db


def _answer(client, path, **headers):
    response = client.get(path, **headers)
    html = response.content.decode()
    return response, html[html.find("<html") : html.find(">", html.find("<html")) + 1]


@pytest.mark.parametrize("accept", [None, "fa", "de,en;q=0.5"])
@pytest.mark.parametrize("path", ["/", "/blog/"])
def test_a_persian_site_is_right_to_left_for_every_reader(client, newsroom, settings, path, accept):
    settings.NEWSDESK_EDITIONS = [{"code": "fa", "name": "نیوزدسک", "language": "fa"}]
    newsroom.story("A story", language="fa", edition="fa")
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response, html_tag = _answer(client, path, **headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fa"
    assert 'lang="fa"' in html_tag and 'dir="rtl"' in html_tag
    assert "Accept-Language" not in response.headers.get("Vary", "")


@pytest.mark.parametrize("accept", [None, "fa", "ru,en;q=0.5"])
def test_an_english_site_stays_english_and_left_to_right(client, newsroom, accept):
    newsroom.story("A story")
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response, html_tag = _answer(client, "/", **headers)
    assert response.headers["Content-Language"] == "en-us"
    assert 'lang="en-us"' in html_tag and 'dir="rtl"' not in html_tag


def test_the_desk_follows_the_editors_browser_until_they_choose(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", is_staff=True, is_superuser=True)
    client.force_login(editor)
    response, html_tag = _answer(client, "/desk/", HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 200 and 'dir="rtl"' in html_tag
