from django.urls import path

from newsdesk.live import desk_views

app_name = "live-desk"

urlpatterns = [
    path("", desk_views.overview, name="overview"),
    path("alerts/", desk_views.alert_start, name="alert-start"),
    path("alerts/<int:alert_id>/end/", desk_views.alert_end, name="alert-end"),
    path("<int:pk>/", desk_views.stream, name="stream"),
    path("<int:pk>/entries/", desk_views.stream_list, name="stream-list"),
    path("<int:pk>/entries/new/", desk_views.entry_post, name="entry-post"),
    path("<int:pk>/entries/<int:entry_id>/", desk_views.entry_edit, name="entry-edit"),
    path("<int:pk>/entries/<int:entry_id>/flag/", desk_views.entry_flag, name="entry-flag"),
    path("<int:pk>/entries/<int:entry_id>/delete/", desk_views.entry_delete, name="entry-delete"),
    path("<int:pk>/state/", desk_views.blog_state, name="state"),
]
