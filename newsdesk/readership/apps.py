from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "newsdesk.readership"
    label = "readership"
    verbose_name = "Readership"
