from django.urls import path

from newsdesk.api.main import api

# No app_name here: ninja names its own namespace ("content-api"), and it must be a
# top-level namespace for ninja to find its docs and OpenAPI URLs.
urlpatterns = [path("", api.urls)]
