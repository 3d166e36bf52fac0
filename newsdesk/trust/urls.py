from django.urls import path

from newsdesk.trust import feeds, views

app_name = "trust"

urlpatterns = [
    path("corrections/", views.corrections_page, name="corrections"),
    path("corrections/page/<int:number>/", views.corrections_page, name="corrections-page"),
    path("corrections/feed/", feeds.CorrectionsFeed(), name="corrections-feed"),
    path("corrections/story/<int:pk>/", views.story_log, name="story-log"),
    path("coverage/", views.coverage_today, name="coverage"),
]
