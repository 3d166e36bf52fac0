from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "newsdesk.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        # Registers the deploy check for NEWSDESK_SITE_URL.
        from newsdesk.ops import site_origin  # noqa: F401
