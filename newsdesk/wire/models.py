"""The wire desk's data: how each agency is polled, what came in, and where it went.

The agency itself (name, slug, site URL) is `content.Source`; everything about ingesting
its copy lives here so content stays ignorant of the wire.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.web_links import HttpURLField


class Rule(models.TextChoices):
    REVIEW = "review", _("Keep for review")
    DRAFT = "draft", _("Create drafts automatically")


class WireSource(models.Model):
    source = models.OneToOneField("content.Source", on_delete=models.CASCADE, related_name="wire")
    default_section = models.ForeignKey(
        "content.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    poll_minutes = models.PositiveIntegerField(default=15, help_text="Polling interval.")
    rule = models.CharField(max_length=16, choices=Rule.choices, default=Rule.REVIEW)
    enabled = models.BooleanField(default=True)

    class Meta:
        verbose_name = "wire source"

    def __str__(self):
        return str(self.source)

    def items_per_day(self, days=7) -> float:
        since = timezone.now() - timedelta(days=days)
        return WireItem.objects.filter(source=self.source, fetched_at__gte=since).count() / days


class Feed(models.Model):
    """One RSS/Atom/JSON Feed URL of a source, with its conditional-GET and health state."""

    wire_source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="feeds")
    url = HttpURLField(max_length=1000)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    failures = models.PositiveIntegerField(default=0, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_notes = models.TextField(
        blank=True, editable=False, help_text="What the last document read needed saying."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wire_source", "url"], name="unique_feed_url")
        ]

    def __str__(self):
        return self.url


class ItemKind(models.TextChoices):
    FEED = "feed", _("RSS/Atom")
    PAGE = "page", _("Web page")
    NINJS = "ninjs", _("ninjs")


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    MERGED = "merged", _("Merged")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Could not be parsed")


class DuplicateGroup(models.Model):
    """Wire items that tell the same story (near-identical text), from any agency."""

    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"duplicate group {self.pk}"


class WireItem(models.Model):
    """One incoming piece of copy: the raw payload always kept, parsed fields beside it."""

    kind = models.CharField(max_length=8, choices=ItemKind.choices)
    source = models.ForeignKey(
        "content.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    guid = models.CharField(max_length=500, blank=True, help_text="GUID, or the link.")
    link = HttpURLField(max_length=1000, blank=True)
    raw = models.TextField(blank=True, help_text="The payload exactly as it came in.")
    headline = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Sanitized HTML.")
    author = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=16, blank=True)
    image_url = HttpURLField(max_length=1000, blank=True)
    image_caption = models.TextField(blank=True)
    image_credit = models.CharField(max_length=255, blank=True)
    site_name = models.CharField(
        max_length=120, blank=True, help_text="The publisher the page names, if any."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now, db_index=True)
    error = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ItemStatus.choices, default=ItemStatus.NEW, db_index=True
    )
    story = models.ForeignKey(
        "content.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "content.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The media library picture made from this item (a ninjs picture).",
    )
    group = models.ForeignKey(
        DuplicateGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    # The text's word shingles as sorted 32-bit hashes: exact similarity for LSH candidates.
    shingle_hashes = models.BinaryField(blank=True, editable=False)

    class Meta:
        ordering = ["-fetched_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "guid"],
                condition=~models.Q(guid=""),
                name="unique_wire_guid_per_source",
            )
        ]

    def __str__(self):
        return self.headline or self.guid or f"wire item {self.pk}"


class SeenItem(models.Model):
    """An editor has looked at a wire item (opened it, or marked it seen in the queue): their
    queue shows it as seen; everybody else's queue is unchanged."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="seen_by")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="unique_seen_item"),
        ]

    def __str__(self):
        return f"item {self.item_id} seen by {self.user_id}"


class Band(models.Model):
    """One LSH band key of an item's MinHash: items sharing a key are duplicate candidates.

    Kept in the database (not an in-memory index) so every worker and web process sees the
    same index and it survives restarts.
    """

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        db_table = "wire_band"  # named in dedupe._insert_bands' INSERT
        indexes = [models.Index(fields=["key"], name="wire_band_key_idx")]

    def __str__(self):
        return f"band {self.band} of item {self.item_id}"


class OldURL(models.Model):
    """An address of the old (WordPress) site, answered with a permanent redirect."""

    path = models.CharField(max_length=500, unique=True, help_text="/2019/05/01/slug/ or /?p=12")
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.path


class ImportRecord(models.Model):
    """What an import made from one foreign object (WXR post 12 → Story 34): makes re-runs
    idempotent and lets a run resume after an error."""

    origin = models.CharField(max_length=200, help_text='e.g. "wxr:https://old.example"')
    kind = models.CharField(max_length=20)
    foreign_id = models.CharField(max_length=300)
    object_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=1000, blank=True, help_text="e.g. a kept remote URL")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "kind", "foreign_id"], name="unique_import_record"
            )
        ]

    def __str__(self):
        return f"{self.origin} {self.kind} {self.foreign_id} → {self.object_id}"


class ImportedComment(models.Model):
    """A comment from the old site, kept (the site has no comments of its own yet)."""

    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    foreign_id = models.CharField(max_length=50)
    author = models.CharField(max_length=255, blank=True)
    author_email = models.CharField(max_length=255, blank=True)
    author_url = models.CharField(max_length=500, blank=True)
    content = models.TextField(blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(default=False)
    parent_foreign_id = models.CharField(max_length=50, blank=True)

    def __str__(self):
        return f"comment {self.foreign_id} by {self.author}"


class WorkerHeartbeat(models.Model):
    """A live `newsdesk worker`: a job claimed by a worker whose heartbeat stopped is put
    back on the queue, so killing a worker mid-job loses nothing."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    last_seen = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.worker_id


class EventCluster(models.Model):
    """One event as the agencies reported it: their copies (wire items) and the stories
    made from them or written about it (services/coverage.py)."""

    headline = models.CharField(max_length=500, help_text="The first copy's headline.")
    first_seen = models.DateTimeField(default=timezone.now, db_index=True)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)
    agency_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-last_seen", "-id"]

    def __str__(self):
        return self.headline


class ClusterMember(models.Model):
    """A wire item or a story in a cluster, with what the matching reads of it."""

    cluster = models.ForeignKey(EventCluster, on_delete=models.CASCADE, related_name="members")
    item = models.OneToOneField(
        WireItem, null=True, blank=True, on_delete=models.CASCADE, related_name="cluster_member"
    )
    story = models.OneToOneField(
        "content.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "content.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    headline = models.CharField(max_length=500, blank=True)
    url = HttpURLField(max_length=1000, blank=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The event signature (services/events.py): {"words": [...], "keys": [...], "script": …}
    signature = models.JSONField(default=dict)

    class Meta:
        ordering = ["seen_at", "id"]

    def __str__(self):
        return f"{self.headline} in cluster {self.cluster_id}"


class ClusterKey(models.Model):
    """One key (name, number, day) of a member's signature: members sharing keys within
    days of each other are the candidates a new copy is compared with."""

    member = models.ForeignKey(ClusterMember, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "seen_at"], name="wire_cluster_key_idx")]

    def __str__(self):
        return self.key
