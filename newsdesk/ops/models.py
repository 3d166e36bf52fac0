from django.conf import settings
from django.db import models

from newsdesk.content.models import Story


class TrashedStory(Story):
    """Stories in the trash, as their own admin page (restore, or delete for good)."""

    class Meta:
        proxy = True
        verbose_name = "story in the trash"
        verbose_name_plural = "trash"


class FormSubmission(models.Model):
    """A one-use token of a form that creates something: the same form sent twice (a double
    click, a browser resending) finds its token used and is shown what the first send made."""

    token = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_submission_once")
        ]

    def __str__(self):
        return f"{self.token} ({self.object_id})"
