from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Anonymous pages as files a front server can serve, purged by the change pipeline.
    Below `public` and `syndication`: they declare what a page carries (keys, list pages);
    the cache stores and purges, and imports neither."""

    name = "newsdesk.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"
