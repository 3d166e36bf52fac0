"""What the desk keeps for an editor between saves."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class StoryDraft(models.Model):
    """An editor's unsaved changes to a story (or to the new story they are writing), sent
    by the editor page every few seconds. Not a revision: the story, its version and its
    readers are untouched until the editor saves; then the draft is dropped."""

    story = models.ForeignKey(
        "content.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_version = models.PositiveIntegerField(
        default=0, help_text="The story's version the changes were typed over."
    )
    fields = models.JSONField(default=dict, help_text="The editor form's fields, name → values.")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="unique_story_draft"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(story__isnull=True),
                name="unique_new_story_draft",
            ),
        ]

    def __str__(self):
        return f"draft of {self.story_id or 'a new story'} by {self.user_id}"
