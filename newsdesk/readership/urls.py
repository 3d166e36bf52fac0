from django.urls import path

from newsdesk.readership import views

app_name = "readership"

urlpatterns = [
    path("reads/<int:story_id>", views.read, name="read"),
    path("reads/<int:story_id>.gif", views.pixel, name="pixel"),
    path("most-read/", views.most_read, name="most-read"),
    path("most-read/panel/", views.panel, name="panel"),
]
