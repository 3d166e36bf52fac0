from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """One rate-limit window (failed logins, API writes) counted in the database, so every
    worker process on every host sees the same number (see accounts/counters.py)."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"


class EditorPreferences(models.Model):
    """What one editor chose for their own desk; the public site never reads it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="editor_preferences",
    )
    # A language code of the desk's catalogues (desk/language.py); empty: the site's.
    language = models.CharField(_("desk language"), max_length=10, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.language or '-'}"
