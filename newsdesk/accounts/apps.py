from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib import admin

        from newsdesk.accounts.forms import RateLimitedAdminLoginForm

        # The admin's login page tells a locked-out user why, instead of "wrong password".
        admin.site.login_form = RateLimitedAdminLoginForm
