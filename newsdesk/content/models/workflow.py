"""What happened to a story on the desk: state changes, saved revisions, who has it open,
and the correction/update notes readers see."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoryEvent(models.Model):
    """One workflow transition: who moved the story from which state to which, and why."""

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.story_id}: {self.from_status} → {self.to_status}"


class Revision(models.Model):
    """A snapshot of a story's editable fields, stored on every save."""

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(help_text="The story's version this snapshot is.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=dict)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-version", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "version"], name="unique_story_revision"),
        ]

    def __str__(self):
        return f"{self.story_id} v{self.version}"


class EditPresence(models.Model):
    """Who has a story open in the editor; refreshed by a heartbeat while the page is open."""

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="unique_edit_presence"),
        ]

    def __str__(self):
        return f"{self.user_id} on {self.story_id}"


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.story_id}"
