"""Old WordPress addresses answered with permanent redirects to the imported stories.

`/?p=ID` is the site root with a query string, which no URL pattern can match, so this is
a middleware. It looks in the database only for the two WordPress shapes (`/?p=ID`,
`/YYYY/MM/DD/slug/`) and for requests that would otherwise be a 404 (old page paths), so
ordinary pages cost nothing.
"""

import re

from django.http import HttpResponsePermanentRedirect

from newsdesk.wire.models import OldURL

DATE_PATH = re.compile(r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$")
# WordPress archive addresses: /category/parent/child/ and /author/login/, with /page/N/.
CATEGORY_PATH = re.compile(r"^/category/(?:[^/]+/)*?([^/]+)/(?:page/(\d+)/?)?$")
AUTHOR_PATH = re.compile(r"^/author/([^/]+)/(?:page/(\d+)/?)?$")


def _redirect(path):
    old = OldURL.objects.select_related("story").filter(path=path).first()
    if old is None or old.story.deleted_at is not None:
        return None
    return HttpResponsePermanentRedirect(old.story.get_absolute_url())


def _archive_redirect(path):
    """A WordPress category or author archive → the imported section or person's page."""
    from newsdesk.content.models import Person, Section
    from newsdesk.wire.models import ImportRecord

    target = None
    if found := CATEGORY_PATH.match(path):
        target = Section.objects.filter(slug=found.group(1)).first()
    elif found := AUTHOR_PATH.match(path):
        record = ImportRecord.objects.filter(kind="author", foreign_id=found.group(1))
        person_id = record.values_list("object_id", flat=True).first()
        target = Person.objects.filter(pk=person_id).first() if person_id else None
    if target is None:
        return None
    url = target.get_absolute_url()
    page = found.group(2)
    return HttpResponsePermanentRedirect(f"{url}page/{page}/" if page and page != "1" else url)


class OldURLRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            post_id = request.GET.get("p", "")
            if request.path == "/" and post_id.isdigit():
                found = _redirect(f"/?p={post_id}")
                if found:
                    return found
            elif DATE_PATH.match(request.path):
                path = request.path if request.path.endswith("/") else request.path + "/"
                found = _redirect(path)
                if found:
                    return found
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _redirect(request.path) or _archive_redirect(request.path) or response
        return response
