"""A hint, readable by the readers' pages' script, that this browser signed in to the desk.

Readers' pages are one cached file for everyone, so they cannot say "you are staff"
themselves. The desk sets a plain cookie (`newsdesk_staff=1`, not HttpOnly: a script reads
it) when a staff member uses the desk or admin, and clears it once they are signed out;
the footer's script then shows the link to the desk. The cookie grants nothing: the desk
still asks for a login, and a reader who sets it by hand only sees a link to that login.
"""

from django.conf import settings

from newsdesk.ops.headers import STAFF_PREFIXES

COOKIE = "newsdesk_staff"


class StaffHintMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(STAFF_PREFIXES):
            return response  # readers' pages never read the session for this
        user = getattr(request, "user", None)
        if user is None:
            return response
        has_hint = request.COOKIES.get(COOKIE) == "1"
        if user.is_authenticated and user.is_staff and not has_hint:
            response.set_cookie(
                COOKIE,
                "1",
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=False,
                samesite="Lax",
            )
        elif not user.is_authenticated and COOKIE in request.COOKIES:
            response.delete_cookie(COOKIE, samesite="Lax")
        return response
