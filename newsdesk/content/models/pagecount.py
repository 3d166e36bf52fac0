from django.db import models


class PageCount(models.Model):
    """How many live-status stories one story list holds on one day (UTC).

    Numbered pages ("Blog › Page 556") are located from these counts instead of counting
    and OFFSET-ing over the whole table, so any page costs the same whatever its depth.
    Kept up to date by newsdesk.content.services.pagecounts on every change, with the
    month totals beside them (PageMonthCount).
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


class PageMonthCount(models.Model):
    """How many live-status stories one story list holds in one month (UTC): the sum of its
    PageCount rows of that month, kept beside them by the same code (services/pagecounts).

    A deep page is located by walking months back (twelve rows a year) and then the days of
    one month, not every day since: page 1,900 of 20,000 stories reads some 80 rows, not
    1,700. Its own table, not a "period" column on PageCount: the day queries and their
    index stay as they are, and the month index holds one row per list and month."""

    list_key = models.CharField(max_length=40, help_text='"all", "section:7", "tag:3", …')
    month = models.DateField(help_text="The month's first day.")
    stories = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["list_key", "month"], name="unique_page_month_count"),
        ]

    def __str__(self):
        return f"{self.list_key} {self.month:%Y-%m}: {self.stories}"
