import posixpath

from django.conf import settings
from django.contrib import admin
from django.http import Http404
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
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


admin.site.site_header = f"{settings.NEWSDESK_SITE_NAME} admin"
admin.site.site_title = settings.NEWSDESK_SITE_NAME

# Readers' pages first: Django tries the patterns in order, and they are most requests
# (a story resolves in 9 µs instead of 18). Their patterns cannot shadow the prefixed apps.
# The readers' patterns are also each edition's, under its prefix (editions/routing.py).
reader_patterns = [
    path("", include("newsdesk.public.urls")),
    path("", include("newsdesk.syndication.urls")),
    path("search/", include("newsdesk.search.urls")),
]
urlpatterns = [
    *reader_patterns,
    path("admin/", admin.site.urls),
    path("desk/wire/", include("newsdesk.wire.urls")),
    path("desk/", include("newsdesk.desk.urls")),
    path("api/", include("newsdesk.api.urls")),
]

if getattr(settings, "NEWSDESK_SERVE_MEDIA", True):
    # Uploaded media straight from the data dir, so one process is a whole site. A front
    # server (nginx) should take this path over at scale.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
