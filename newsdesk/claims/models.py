from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsdesk.claims.numbers import Quantity


def search_key(text: str) -> str:
    """A speaker or unit as searched: "the Health Ministry" and "health  ministry" alike."""
    return slugify(text, allow_unicode=True)[:100]


class ClaimStatus(models.TextChoices):
    EXTRACTED = "extracted", _("Found in the text")
    CONFIRMED = "confirmed", _("Checked by an editor")
    REMOVED = "removed", _("Removed by an editor")


class Claim(models.Model):
    """A figure in a story: what it is, what it counts, who gave it and when.

    Found by extraction on every change; an editor's confirmation, correction or removal
    sticks to the figure (its `key`: the figure as written and which occurrence of it) for
    as long as the figure stays in the story's text."""

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="claims")
    key = models.CharField(max_length=120, editable=False)
    position = models.PositiveIntegerField(default=0, editable=False)
    quote = models.CharField(_("as written"), max_length=100, editable=False)
    value = models.DecimalField(_("number"), max_digits=30, decimal_places=6)
    unit = models.CharField(_("unit or what is counted"), max_length=100, blank=True)
    speaker = models.CharField(_("said by"), max_length=200, blank=True)
    # The speaker and unit as searched and addressed (/claims/find/speaker/health-ministry/).
    speaker_key = models.SlugField(max_length=200, blank=True, allow_unicode=True, editable=False)
    unit_key = models.SlugField(max_length=100, blank=True, allow_unicode=True, editable=False)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    said_on = models.DateField(_("said on"), null=True, blank=True)
    sentence = models.TextField(editable=False)
    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.EXTRACTED
    )
    corrected = models.BooleanField(default=False, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="unique_claim_per_figure"),
        ]
        indexes = [
            models.Index(fields=["unit_key", "value"], name="claim_unit_value_idx"),
            models.Index(fields=["speaker_key"], name="claim_speaker_idx"),
        ]

    def __str__(self):
        return f"{self.display} ({self.speaker or _('unattributed')})"

    def set_search_keys(self) -> None:
        self.speaker_key = search_key(self.speaker)
        self.unit_key = search_key(self.unit)

    @property
    def display(self) -> str:
        return Quantity(self.value, self.unit).display

    @property
    def shown(self) -> bool:
        return self.status != ClaimStatus.REMOVED
