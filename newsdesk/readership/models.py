"""What readers read, counted without knowing who they are.

A read arrives as one `Read` row (the beacon's whole work: one INSERT). The worker folds
new rows into `HourlyReads` and `DailyReads` buckets, which hold counts only. A `Read`
carries a visitor hash made with the day's salt so that a reload on the same day is the
same row; the salt lives in its own table, never beside the counts, and both the salt and
the day's reads are deleted once the day is over, after which no hash can be linked to
anyone.
"""

from django.db import models


class Read(models.Model):
    """One visitor reading one story on one day (a reload is the same row)."""

    id = models.BigAutoField(primary_key=True)
    # No foreign key: the beacon must not look the story up; the worker drops ids that
    # are not (or no longer) live stories.
    story_id = models.BigIntegerField()
    day = models.DateField()
    visitor = models.CharField(max_length=32)
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "story_id", "visitor"], name="one_read_a_day")
        ]
        indexes = [models.Index(fields=["day", "visitor"], name="reads_by_visitor")]

    def __str__(self):
        return f"read of story {self.story_id} on {self.day}"


class DailySalt(models.Model):
    """A random salt per day for visitor hashes, deleted when the day is over."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return f"salt of {self.day}"


class HourlyReads(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "hour"], name="one_bucket_an_hour")]
        indexes = [models.Index(fields=["hour"], name="hourly_reads_by_hour")]

    def __str__(self):
        return f"{self.views} reads of story {self.story_id} at {self.hour}"


class DailyReads(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "day"], name="one_bucket_a_day")]

    def __str__(self):
        return f"{self.views} reads of story {self.story_id} on {self.day}"


class Tally(models.Model):
    """The aggregation's bookmark (one row): reads up to `last_read` are in the buckets;
    the next run is due at `due`; `shown` is what the most-read lists showed last."""

    name = models.CharField(max_length=32, primary_key=True)
    last_read = models.BigIntegerField(default=0)
    due = models.DateTimeField(null=True)
    shown = models.TextField(blank=True)

    def __str__(self):
        return f"{self.name} up to read {self.last_read}"
