from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts import throttle


class RateLimitedAdminLoginForm(AdminAuthenticationForm):
    """The admin login form, with a clear message when the throttle refuses an attempt."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if throttle.is_locked(username, self.request):
            raise ValidationError(
                _("Too many failed login attempts. Try again in %(minutes)d minutes."),
                code="throttled",
                params={"minutes": throttle.lockout_minutes()},
            )
        return super().clean()
