from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "newsdesk.content"
    label = "content"
    verbose_name = "Content"

    def ready(self):
        from newsdesk.content.services import pagecount_sync

        pagecount_sync.connect()
