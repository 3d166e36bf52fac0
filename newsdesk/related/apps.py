from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "newsdesk.related"
    label = "related"
    verbose_name = "Related stories"
