"""Accounts and keys for API tests, made through the real models and the key service."""

from django.contrib.auth.models import Permission

from newsdesk.api import keys
from newsdesk.api.models import ApiKey


def user_with_perms(django_user_model, name, *codenames, staff=True):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw-long-enough-1")
    user.is_staff = staff
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


def key_for(user, scope=ApiKey.Scope.WRITE) -> str:
    return keys.issue(user, f"{user.username} key", scope)[1]


def bearer(raw_key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"}
