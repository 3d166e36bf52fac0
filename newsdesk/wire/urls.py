from django.urls import path

from newsdesk.wire import views

app_name = "wire"

urlpatterns = [
    path("", views.queue_list, name="queue"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/seen/", views.seen, name="seen"),
    path("import/url/", views.import_page, name="import-url"),
    path("import/ninjs/", views.upload_ninjs, name="import-ninjs"),
    path("sources/", views.sources, name="sources"),
]
