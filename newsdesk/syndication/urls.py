from django.conf import settings
from django.urls import path

from newsdesk.syndication import feeds, robots, share_cards, sitemaps

app_name = "syndication"

urlpatterns = [
    path("feeds/rss/", feeds.StoryFeed(), name="rss"),
    path("feeds/atom/", feeds.AtomStoryFeed(), name="atom"),
    path("feeds/section/<str:slug>/rss/", feeds.SectionFeed(), name="section-rss"),
    path("feeds/section/<str:slug>/atom/", feeds.AtomSectionFeed(), name="section-atom"),
    path("feeds/tag/<str:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("feeds/tag/<str:slug>/atom/", feeds.AtomTagFeed(), name="tag-atom"),
    path("feeds/author/<str:slug>/rss/", feeds.AuthorFeed(), name="author-rss"),
    path("feeds/author/<str:slug>/atom/", feeds.AtomAuthorFeed(), name="author-atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", robots.robots_txt, name="robots"),
    # Share cards missing from a local MEDIA_URL, drawn on their first request.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}share/<int:pk>/<str:name>",
        share_cards.card_file,
        name="share-card",
    ),
]
