"""Gzip for the pages readers get, never for pages that carry a secret.

Compressing a page that reflects what a visitor sent next to a secret (a CSRF token, a
signed-in editor's data) lets an attacker who can watch the sizes of responses guess the
secret a character at a time (BREACH). Readers' pages carry neither, and they are most of
the traffic, so they are compressed (a home page goes from ≈ 30 KB to a fifth of that);
a response whose request used the CSRF token, or came from a signed-in session, is sent
as it is. Static files are compressed ahead of time by whitenoise, not here.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def carries_secrets(request, response) -> bool:
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)  # someone signed in
        or response.cookies  # a cookie set now: a session, a token
    )


class ReaderPageGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if carries_secrets(request, response):
            return response
        return super().process_response(request, response)
