from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "newsdesk.wire"
    label = "wire"
    verbose_name = "Wire desk"
