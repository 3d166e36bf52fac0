"""Ordered pictures attached to a story (a photo story's body, or a gallery inside an
ordinary story) and the resized copies of images that pages serve."""

from django.db import models


class GalleryItem(models.Model):
    story = models.ForeignKey(
        "content.Story", on_delete=models.CASCADE, related_name="gallery_items"
    )
    image = models.ForeignKey("content.Image", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)
    caption = models.TextField(blank=True, help_text="The image's own caption when empty.")
    credit = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.story_id} #{self.position}"

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption

    @property
    def shown_credit(self) -> str:
        return self.credit or self.image.credit


class Rendition(models.Model):
    """A resized copy of an original; made once (upload task or first request), then reused."""

    image = models.ForeignKey("content.Image", on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    format = models.CharField(max_length=8)
    file = models.FileField(upload_to="renditions/")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="unique_image_rendition"
            ),
        ]

    def __str__(self):
        return f"{self.image_id} {self.width}w {self.format}"
