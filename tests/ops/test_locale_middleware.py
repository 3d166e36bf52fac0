"""The site's LocaleMiddleware answers exactly as Django's does (it only skips lookups)."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

DJANGOS = "django.middleware.locale.LocaleMiddleware"
OURS = "newsdesk.ops.locale.LocaleMiddleware"


def _answer(client, path, **headers):
    response = client.get(path, **headers)
    html = response.content.decode()
    return (
        response.status_code,
        response.headers.get("Content-Language"),
        response.headers.get("Vary"),
        html[: html.find(">", html.find("<html")) + 1],
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_ACCEPT_LANGUAGE": "fa"}, {"HTTP_ACCEPT_LANGUAGE": "ru,en;q=0.5"}],
)
@pytest.mark.parametrize("path", ["/", "/blog/", "/fa/", "/no/such/page/"])
def test_same_language_and_headers_as_djangos_middleware(client, newsroom, path, headers):
    newsroom.story("A story")
    assert OURS in settings.MIDDLEWARE
    ours = _answer(client, path, **headers)
    djangos_stack = [DJANGOS if name == OURS else name for name in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=djangos_stack):
        assert _answer(client, path, **headers) == ours
    if headers.get("HTTP_ACCEPT_LANGUAGE") == "fa" and ours[0] == 200:
        assert ours[1] == "fa" and 'dir="rtl"' in ours[3]
