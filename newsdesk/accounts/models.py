from django.db import models


class RateCounter(models.Model):
    """One rate-limit window (failed logins, API writes) counted in the database, so every
    worker process on every host sees the same number (see accounts/counters.py)."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
