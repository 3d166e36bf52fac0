from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "newsdesk.desk"
    label = "desk"
    verbose_name = "Editorial desk"

    def ready(self):
        # Keeps each editor's desk language in their session from the moment they sign in.
        from newsdesk.desk import language  # noqa: F401
