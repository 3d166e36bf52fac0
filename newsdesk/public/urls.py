from django.urls import path, register_converter

from newsdesk.public import images, views
from newsdesk.public.converters import PageNumberConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(PageNumberConverter, "pagenum")

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("images/<int:pk>/<int:width>.<str:fmt>", images.rendition, name="rendition"),
    path("blog/", views.story_list, {"kind": "archive"}, name="archive"),
    path("blog/page/<pagenum:number>/", views.story_list, {"kind": "archive"}, name="archive-page"),
    path("story/<int:pk>/", views.story_redirect, name="story-short"),
    path("story/<int:pk>/<uslug:slug>/", views.story, name="story"),
    path("section/<uslug:slug>/", views.story_list, {"kind": "section"}, name="section"),
    path(
        "section/<uslug:slug>/page/<pagenum:number>/",
        views.story_list,
        {"kind": "section"},
        name="section-page",
    ),
    path("tag/<uslug:slug>/", views.story_list, {"kind": "tag"}, name="tag"),
    path(
        "tag/<uslug:slug>/page/<pagenum:number>/",
        views.story_list,
        {"kind": "tag"},
        name="tag-page",
    ),
    path("author/<uslug:slug>/", views.story_list, {"kind": "author"}, name="author"),
    path(
        "author/<uslug:slug>/page/<pagenum:number>/",
        views.story_list,
        {"kind": "author"},
        name="author-page",
    ),
]
