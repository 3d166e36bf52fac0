from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "newsdesk.claims"
    label = "claims"
    verbose_name = "Claims and figures"
