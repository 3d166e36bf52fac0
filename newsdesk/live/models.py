"""Live coverage: the entries of a live blog (a story of kind "live") and breaking alerts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.text import sanitize_html
from newsdesk.content.web_links import HttpURLField


class LiveBlog(models.Model):
    """A live story's coverage window and whether it still runs. Created with the first
    entry; an archived blog takes no entries and its readers' pages stop polling."""

    story = models.OneToOneField(
        "content.Story", on_delete=models.CASCADE, primary_key=True, related_name="live_blog"
    )
    coverage_start = models.DateTimeField(default=timezone.now)
    coverage_end = models.DateTimeField(null=True, blank=True)
    archived = models.BooleanField(default=False)

    def __str__(self):
        return str(self.story)

    @property
    def is_open(self) -> bool:
        return not self.archived


class LiveEntry(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), help_text=_("Rich text; sanitized on every save."))
    authors = models.ManyToManyField("content.Person", blank=True, related_name="live_entries")
    key_event = models.BooleanField(_("key event"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "live entries"
        ordering = ["-posted_at", "-id"]
        indexes = [
            # Newest first and "older than this entry": one index walk whatever the count.
            models.Index(fields=["story", "posted_at", "id"], name="live_entry_time_idx"),
            models.Index(
                fields=["story", "posted_at"],
                condition=models.Q(key_event=True),
                name="live_entry_key_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["story"], condition=models.Q(pinned=True), name="one_pinned_entry"
            )
        ]

    def __str__(self):
        return self.title or f"Entry {self.pk}"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.story.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"


class BreakingAlert(models.Model):
    headline = models.CharField(_("headline"), max_length=200)
    link = HttpURLField(_("link"), max_length=1000, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return self.headline

    def is_showing(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.ended_at is None
            and self.started_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )
