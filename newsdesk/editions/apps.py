from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "newsdesk.editions"
    verbose_name = "Editions"

    def ready(self):
        from newsdesk.editions import checks  # noqa: F401  registers the settings check
