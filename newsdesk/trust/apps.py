from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "newsdesk.trust"
    label = "trust"
    verbose_name = "Trust and provenance"
