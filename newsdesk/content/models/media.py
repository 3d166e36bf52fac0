from django.conf import settings
from django.core.files.images import get_image_dimensions
from django.db import models
from django.utils.translation import gettext_lazy as _


def image_upload_path(instance, filename):
    from django.utils import timezone

    return f"originals/{timezone.now():%Y/%m}/{filename}"


class Image(models.Model):
    """An original picture, kept untouched; renditions are derived from it."""

    file = models.ImageField(
        upload_to=image_upload_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    title = models.CharField(max_length=255, blank=True)
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=255, blank=True, help_text=_('e.g. "Photo: IRNA"'))
    focal_x = models.FloatField(null=True, blank=True, help_text="0–1 from the left")
    focal_y = models.FloatField(null=True, blank=True, help_text="0–1 from the top")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not (self.width and self.height):
            # Django reads dimensions from the file object it was given; a ContentFile has
            # been read to its end by then, so read them back from storage.
            self.file.open("rb")
            self.width, self.height = get_image_dimensions(self.file, close=True)
        super().save(*args, **kwargs)
