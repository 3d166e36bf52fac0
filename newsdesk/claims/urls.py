from django.urls import path, re_path

from newsdesk.claims import views

app_name = "claims"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^find/(?P<terms>(?:[^/]+/[^/]+/)*[^/]+/[^/]+)/$", views.find, name="find"),
]
