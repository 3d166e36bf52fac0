from django.db import models


class PageCount(models.Model):
    """How many live-status stories one story list holds on one day (UTC).

    Numbered pages ("Blog › Page 556") are located from these counts instead of counting
    and OFFSET-ing over the whole table, so any page costs the same whatever its depth.
    Kept up to date by newsdesk.content.services.pagecounts on every change.
    """

    list_key = models.CharField(max_length=40, help_text='"all", "section:7", "tag:3", …')
    day = models.DateField()
    stories = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["list_key", "day"], name="unique_page_count"),
        ]

    def __str__(self):
        return f"{self.list_key} {self.day}: {self.stories}"
