"""Gzip for the pages readers get, never for pages that carry a secret.

Compressing a page that reflects what a visitor sent next to a secret (a CSRF token, a
signed-in editor's data) lets an attacker who can watch the sizes of responses guess the
secret a character at a time (BREACH). Readers' pages carry neither, and they are most of
the traffic, so they are compressed (a home page goes from ≈ 30 KB to a fifth of that);
a response whose request used the CSRF token, or came from a signed-in session or with
credentials (an API key), is sent as it is. Only pages and feeds are compressed here:
static files are compressed ahead of time by whitenoise, and the content API's JSON is
left to the front server.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)


def carries_secrets(request, response) -> bool:
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)  # someone signed in
        or request.META.get("HTTP_AUTHORIZATION")  # an API key, or other credentials
        or request.META.get("HTTP_X_API_KEY")
        or response.cookies  # a cookie set now: a session, a token
    )


class ReaderPageGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or carries_secrets(request, response):
            return response
        return super().process_response(request, response)
