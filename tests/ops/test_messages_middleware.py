"""A message the desk adds on one page is shown once on the next."""

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

pytestmark = pytest.mark.django_db
COOKIE = CookieStorage.cookie_name


def saving(request):
    messages.success(request, "Story saved")
    return HttpResponse("saved")


def showing(request):
    return HttpResponse(" | ".join(str(m) for m in messages.get_messages(request)))


urlpatterns = [path("save/", saving), path("show/", showing)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_message_is_stored_and_shown_on_the_next_page(client):
    assert "django.contrib.messages.middleware.MessageMiddleware" in settings.MIDDLEWARE
    client.get("/save/")
    assert client.get("/show/").content == b"Story saved"
    assert client.get("/show/").content == b""  # shown once


def test_a_readers_page_sets_no_message_cookie(client, newsroom):
    story = newsroom.story("A story")
    for url in ("/", story.get_absolute_url(), "/blog/"):
        response = client.get(url)
        assert response.status_code == 200
        assert COOKIE not in response.cookies
