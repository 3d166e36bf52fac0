from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "newsdesk.public"
    label = "public"
    verbose_name = "Public site"

    def ready(self):
        from newsdesk.public.pagecache import purge

        purge.connect()
