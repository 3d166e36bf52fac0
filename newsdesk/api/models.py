"""API keys and webhooks: the content API's own data (content itself lives in `content`)."""

from django.conf import settings
from django.db import models

from newsdesk.content.web_links import HttpURLField

WEBHOOK_EVENTS = (
    "story.published",
    "story.updated",
    "story.unpublished",
    "live.entry.posted",
    "live.entry.updated",
    "live.entry.deleted",
    "breaking.started",
    "breaking.ended",
)


class ApiKey(models.Model):
    """A secret a program presents instead of a password. Only a hash is stored: the key is
    shown once when created. Writes are checked against the owner's permissions and the
    key's scope, so a read key of an editor cannot change anything."""

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=120, help_text='What uses this key, e.g. "mobile app".')
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user.is_active

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE


class WebhookEndpoint(models.Model):
    url = HttpURLField(max_length=1000)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(
        max_length=128,
        editable=False,
        help_text="Signs every delivery (HMAC-SHA256); shown in the admin for the receiver.",
    )
    events = models.JSONField(default=list, help_text="Events to send.")
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        RETRYING = "retrying", "Failed, will retry"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=32)
    payload = models.JSONField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
