from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "newsdesk_search"
    verbose_name = "Search"

    def ready(self):
        from newsdesk.search import indexing

        connection_created.connect(indexing.on_connection_created)
        post_migrate.connect(indexing.ensure_index_machinery, sender=self)
