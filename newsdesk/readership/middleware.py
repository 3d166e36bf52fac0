"""The read beacon answered early in the middleware stack, as the page cache answers a
cached page: a read needs no session, user, locale, CSRF token or messages, and it is
the most frequent request a site gets (one per page view). The view functions are the
ones the URLconf names, so `/reads/…` behaves the same either way."""

import re

from newsdesk.readership import views

BEACON = re.compile(r"^/reads/(?P<story_id>[0-9]{1,18})(?P<pixel>\.gif)?$")


class ReadBeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = BEACON.match(request.path_info) if request.path_info[:7] == "/reads/" else None
        if match is None:
            return self.get_response(request)
        view = views.pixel if match["pixel"] else views.read
        return view(request, int(match["story_id"]))
