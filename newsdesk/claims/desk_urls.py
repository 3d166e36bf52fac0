from django.urls import path

from newsdesk.claims import desk_views

app_name = "claims-desk"

urlpatterns = [path("<int:pk>/", desk_views.claim, name="claim")]
