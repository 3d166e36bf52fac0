"""Where a story came from: one row per piece of copy it was made from or credits (a wire
item accepted or merged, an imported page, post or ninjs item) or, for a story typed in the
newsroom, one row saying so. Written when the copy becomes or joins the story; never edited
afterwards, so the lineage stays what happened."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.web_links import HttpURLField


class Route(models.TextChoices):
    """How the copy reached the newsroom."""

    FEED = "feed", _("agency feed")
    PAGE = "page", _("web page import")
    NINJS = "ninjs", _("ninjs import")
    WXR = "wxr", _("WordPress import")
    TYPED = "typed", _("written in the newsroom")


class Use(models.TextChoices):
    MADE_FROM = "made_from", _("made from")
    MERGED = "merged", _("merged in")


class StoryOrigin(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="origins")
    route = models.CharField(max_length=8, choices=Route.choices)
    use = models.CharField(max_length=12, choices=Use.choices, default=Use.MADE_FROM)
    agency = models.ForeignKey(
        "content.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = HttpURLField(max_length=1000, blank=True, help_text="The original's address.")
    headline = models.CharField(max_length=500, blank=True, help_text="The original headline.")
    published_at = models.DateTimeField(null=True, blank=True, help_text="The original's time.")
    ingested_at = models.DateTimeField(default=timezone.now)
    # What the copy was in the system that brought it ("wire item 12", "wxr post 34"):
    # a plain reference, as the wire and importers sit above content.
    reference = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["story", "recorded_at"], name="origin_story_idx")]

    def __str__(self):
        return f"{self.get_route_display()} → story {self.story_id}"
