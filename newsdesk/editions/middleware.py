"""The page language is the edition's, never the visitor's browser's.

Django's LocaleMiddleware picks a language from each request's Accept-Language header (and
session, cookie): right for the newsroom's own pages, wrong for readers' pages, which are
cached and served to everyone — whoever filled the cache would choose everyone's language.
This middleware stands in its place: a reader's page is answered in its edition's language
and time zone, and says so (Content-Language) without `Vary: Accept-Language`; the desk, the
admin and the API keep Django's behaviour as it was.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from newsdesk.editions import current
from newsdesk.editions.config import edition_of_path
from newsdesk.editions.routing import urlconf_for

# The newsroom's side: languages chosen per person there, never cached for readers.
STAFF_PATHS = ("/desk/", "/admin/", "/api/")


def is_staff_path(path_info: str) -> bool:
    return path_info.startswith(STAFF_PATHS)


class EditionMiddleware(LocaleMiddleware):
    def process_request(self, request):
        edition = edition_of_path(request.path_info)
        request.edition = edition
        if is_staff_path(request.path_info):
            return super().process_request(request)
        if not edition.is_main:
            request.urlconf = urlconf_for(edition)
        current.activate(edition)
        translation.activate(edition.language)
        request.LANGUAGE_CODE = translation.get_language()
        timezone.activate(edition.zone)
        return None

    def process_response(self, request, response):
        if is_staff_path(request.path_info):
            return super().process_response(request, response)
        timezone.deactivate()
        current.deactivate()
        response.headers.setdefault("Content-Language", request.edition.language)
        return response
