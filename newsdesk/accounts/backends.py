"""The model backend, behind the failed-login throttle."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from newsdesk.accounts import throttle


class RateLimitedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if throttle.is_locked(username, request):
            # PermissionDenied stops Django trying any other backend: a locked account
            # cannot be guessed at, even with the right password.
            raise PermissionDenied("Too many failed logins")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(username, request)
        elif username:
            throttle.clear_account(username, request)
        return user
