from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsdesk.api"
    label = "api"
    verbose_name = "Content API"

    def ready(self):
        from newsdesk.api import receivers  # noqa: F401  (connects the webhook receivers)
