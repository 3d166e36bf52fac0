from django.conf import settings
from django.urls import path, register_converter

from newsdesk.public import images, site_icons, views
from newsdesk.public.converters import PageNumberConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(PageNumberConverter, "pagenum")

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("images/<int:pk>/<int:width>.<str:fmt>", images.rendition, name="rendition"),
    # Missing renditions at their own URLs under a local MEDIA_URL, made on first request.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}renditions/<int:pk>/<str:name>",
        images.rendition_file,
        name="rendition-file",
    ),
    path("favicon.ico", site_icons.favicon, name="favicon"),
    path("manifest.webmanifest", site_icons.manifest, name="manifest"),
    *(
        path(f"{kind}.png", site_icons.png_icon, {"kind": kind}, name=kind)
        for kind in site_icons.PNG_SIZES
    ),
    path("blog/", views.story_list, {"kind": "archive"}, name="archive"),
    path("blog/page/<pagenum:number>/", views.story_list, {"kind": "archive"}, name="archive-page"),
    path("story/<int:pk>/", views.story_redirect, name="story-short"),
    path("story/<int:pk>/<uslug:slug>/", views.story, name="story"),
    *(
        pattern
        for kind in ("section", "tag", "author")
        for pattern in (
            path(f"{kind}/<uslug:slug>/", views.story_list, {"kind": kind}, name=kind),
            path(
                f"{kind}/<uslug:slug>/page/<pagenum:number>/",
                views.story_list,
                {"kind": kind},
                name=f"{kind}-page",
            ),
        )
    ),
]
