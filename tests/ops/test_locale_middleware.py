"""Pages speak the language the locale middleware picks, and say so in their headers."""

import pytest

pytestmark = pytest.mark.django_db


def _answer(client, path, **headers):
    response = client.get(path, **headers)
    html = response.content.decode()
    return response, html[html.find("<html") : html.find(">", html.find("<html")) + 1]


@pytest.mark.parametrize("path", ["/", "/blog/"])
def test_persian_reader_gets_a_right_to_left_page(client, newsroom, path):
    newsroom.story("A story")
    response, html_tag = _answer(client, path, HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fa"
    assert 'lang="fa"' in html_tag and 'dir="rtl"' in html_tag
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(("accept", "language"), [(None, "en"), ("ru,en;q=0.5", "ru")])
def test_other_readers_get_a_left_to_right_page(client, newsroom, accept, language):
    newsroom.story("A story")
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response, html_tag = _answer(client, "/", **headers)
    assert response.headers["Content-Language"] == language
    assert f'lang="{language}"' in html_tag and 'dir="rtl"' not in html_tag
