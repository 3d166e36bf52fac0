from django.urls import path

from newsdesk.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("desk/", views.desk_search, name="desk"),
]
