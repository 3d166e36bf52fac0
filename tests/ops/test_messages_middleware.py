"""The site's MessageMiddleware answers as Django's does; it only makes the storage later."""

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware as DjangosMiddleware
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import override_settings
from django.utils.functional import empty

from newsdesk.ops.messages import MessageMiddleware

pytestmark = pytest.mark.django_db

DJANGOS = "django.contrib.messages.middleware.MessageMiddleware"
OURS = "newsdesk.ops.messages.MessageMiddleware"
COOKIE = CookieStorage.cookie_name


def _answer(client, path):
    response = client.get(path)
    return response.status_code, sorted(response.headers.items()), response.content


@pytest.mark.parametrize("page", ["story", "/", "/blog/", "/no/such/page/"])
def test_same_pages_and_headers_as_djangos_middleware(client, newsroom, page):
    story = newsroom.story("A story")
    path = story.get_absolute_url() if page == "story" else page
    assert OURS in settings.MIDDLEWARE
    ours = _answer(client, path)
    djangos_stack = [DJANGOS if name == OURS else name for name in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=djangos_stack):
        assert _answer(client, path) == ours


def _through(middleware_class, request, view):
    SessionMiddleware(lambda r: None).process_request(request)
    return middleware_class(view)(request)


@pytest.mark.parametrize(
    "middleware_class", [MessageMiddleware, DjangosMiddleware], ids=["ours", "djangos"]
)
def test_a_message_is_stored_and_shown_on_the_next_page(rf, middleware_class):
    def saving(request):
        messages.success(request, "Story saved")
        return HttpResponse("saved")

    def showing(request):
        return HttpResponse(" | ".join(str(m) for m in messages.get_messages(request)))

    saved = _through(middleware_class, rf.get("/desk/"), saving)
    cookie = saved.cookies[COOKIE].value
    assert cookie
    next_page = rf.get("/desk/")
    next_page.COOKIES[COOKIE] = cookie
    shown = _through(middleware_class, next_page, showing)
    assert shown.content == b"Story saved"
    # Shown once: the response clears the cookie, as Django's does.
    assert shown.cookies[COOKIE].value == ""


def test_a_page_that_never_uses_messages_never_makes_the_storage(rf):
    request = rf.get("/")
    response = _through(MessageMiddleware, request, lambda r: HttpResponse("page"))
    assert request._messages._wrapped is empty
    assert not response.cookies
