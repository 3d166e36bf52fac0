from django.urls import path

from newsdesk.live import views

app_name = "live"

urlpatterns = [
    path("<int:pk>/updates/", views.updates, name="updates"),
    path("<int:pk>/older/<int:entry_id>/", views.older, name="older"),
    path("<int:pk>/entry/<int:entry_id>/", views.entry_link, name="entry"),
    path("<int:pk>/feed/", views.LiveBlogFeed(), name="feed"),
]
