import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from newsdesk.content.models import Image, Rendition
from newsdesk.content.services.visibility import image_visible_to

PICTURE_DIRS = ("originals/", "renditions/")


def media(request, path):
    """Uploaded files; a picture's original and renditions only once a reader may see it
    (its story is live), or to the newsroom: ids and names are easy to guess."""
    path = posixpath.normpath(path).lstrip("/")  # the name as stored, however it is written
    image = Image.objects.filter(file=path).first()
    if image is None:
        rendition = Rendition.objects.filter(file=path).select_related("image").first()
        image = rendition.image if rendition else None
    if image is None and path.startswith(PICTURE_DIRS):
        raise Http404("No such file")  # a picture file no record owns (being written or left)
    if image is not None and not image_visible_to(request.user, image):
        raise Http404("No such file")
    prefix = settings.NEWSDESK_MEDIA_ACCEL_PREFIX
    if prefix:
        return front_server_sends(prefix + path)
    # A local site without a front server (plain HTTP: `newsdesk demo`, `newsdesk serve`
    # on a laptop): Django's own file view is enough there.
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


def front_server_sends(internal_path: str) -> HttpResponse:
    """An empty answer telling nginx to send the file from its internal media location
    (deploy/nginx): the app decides who may see it, the front server streams it."""
    response = HttpResponse(content_type=mimetypes.guess_type(internal_path)[0] or "")
    if not response["Content-Type"]:
        del response["Content-Type"]  # unknown: nginx names it from its own types
    response["X-Accel-Redirect"] = quote(internal_path)
    return response


admin.site.site_header = f"{settings.NEWSDESK_SITE_NAME} admin"
admin.site.site_title = settings.NEWSDESK_SITE_NAME

# Readers' pages first: Django tries the patterns in order, and they are most requests
# (a story resolves in 9 µs instead of 18). Their patterns cannot shadow the prefixed apps.
# The readers' patterns are also each edition's, under its prefix (editions/routing.py).
reader_patterns = [
    path("", include("newsdesk.public.urls")),
    path("", include("newsdesk.syndication.urls")),
    # Most read: the read beacon, the lists.
    path("", include("newsdesk.readership.urls")),
    path("", include("newsdesk.trust.urls")),
    path("search/", include("newsdesk.search.urls")),
]
urlpatterns = [
    *reader_patterns,
    path("admin/", admin.site.urls),
    path("desk/wire/", include("newsdesk.wire.urls")),
    # Live coverage: readers' fragments and feed, and the desk's stream and alerts.
    path("live/", include("newsdesk.live.urls")),
    path("desk/live/", include("newsdesk.live.desk_urls")),
    # The claims ledger: readers' search, and the desk's ledger beside each story.
    path("claims/", include("newsdesk.claims.urls")),
    path("desk/claims/", include("newsdesk.claims.desk_urls")),
    path("desk/", include("newsdesk.desk.urls")),
    path("api/", include("newsdesk.api.urls")),
]

if getattr(settings, "NEWSDESK_SERVE_MEDIA", True):
    # Uploaded media, after the app checked who may see them; the front server sends the
    # file in production (NEWSDESK_MEDIA_ACCEL_PREFIX).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
