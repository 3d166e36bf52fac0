from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from newsdesk.content.links import url_maker
from newsdesk.content.text import SLUG_MAX_LENGTH, make_slug, plain_text, sanitize_html
from newsdesk.content.web_links import HttpURLField
from newsdesk.editions.config import choices as edition_choices
from newsdesk.editions.config import main_edition_code


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


# A story is visible when its status says it may be and its time has come: a scheduled
# story goes live by the clock alone, with no job flipping a flag.
LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

# A re-save within a minute of publication is not an update readers should be told about.
UPDATE_GRACE_SECONDS = 60
SUMMARY_LENGTH = 280


def story_paths():
    """A function of (pk, slug) giving a story's URL path, the URL pattern looked up once:
    for many stories read as plain rows (feeds) rather than models."""
    make = url_maker("public:story", 0, ("pk", "slug"))
    return lambda pk, slug: make(pk, slug or "story")


def story_summary(standfirst: str, body: str) -> str:
    return standfirst or plain_text(body)[:SUMMARY_LENGTH]


def updated_after_publication(published_at, updated_at) -> bool:
    """Readers see "Updated" only for a real change after publication, not a re-save."""
    if not published_at:
        return False
    return (updated_at - published_at).total_seconds() > UPDATE_GRACE_SECONDS


class Kind(models.TextChoices):
    ARTICLE = "article", _("Article")
    PHOTO = "photo", _("Photo story")
    LIVE = "live", _("Live blog")


class Story(models.Model):
    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, allow_unicode=True, blank=True)
    standfirst = models.TextField(blank=True, help_text=_("The summary under the headline."))
    body = models.TextField(blank=True, help_text="Rich text; sanitized on every save.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    section = models.ForeignKey(
        "content.Section", null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    tags = models.ManyToManyField("content.Tag", blank=True, related_name="stories")
    bylines = models.ManyToManyField(
        "content.Person", blank=True, through="content.Byline", related_name="stories"
    )
    sources = models.ManyToManyField("content.Source", blank=True, related_name="stories")
    source_url = HttpURLField(
        max_length=1000, blank=True, help_text=_("Link to the original copy.")
    )
    featured_image = models.ForeignKey(
        "content.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_caption = models.TextField(
        blank=True, help_text=_("Caption for this story; the image's own caption when empty.")
    )
    language = models.CharField(max_length=16, default=settings.LANGUAGE_CODE)
    edition = models.CharField(
        max_length=16,
        choices=edition_choices,
        default=main_edition_code,
        help_text="The edition (site language) the story is published in.",
    )
    # Stories that share a group are one story in several editions' languages (a story
    # without translations has none): readers switch between them, search engines are
    # told by hreflang. One story per edition in a group (services/translations.py).
    translation_group = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    pinned = models.BooleanField(default=False, help_text="Keep at the top of the home page.")
    version = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "stories"
        permissions = [
            ("publish_story", "Can publish, schedule, unpublish and correct stories"),
            ("edit_others_story", "Can edit stories written by other people"),
        ]
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="story_live_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="story_section_idx"),
            # Newest-first lists walk these backwards and stop after a page: no sort, whatever
            # the status filter (an IN on a leading status column forces one). Status and
            # trash ride along so rows skipped within a day are judged from the index alone.
            models.Index(
                fields=["published_at", "id", "status", "deleted_at"], name="story_time_idx"
            ),
            models.Index(
                fields=["section", "published_at", "id", "status", "deleted_at"],
                name="story_section_time_idx",
            ),
            # An edition's story lists, newest first, as story_time_idx for the whole site.
            models.Index(
                fields=["edition", "published_at", "id", "status", "deleted_at"],
                name="story_edition_time_idx",
            ),
            # The desk's story list, newest change first, read a page at a time by keyset.
            models.Index(fields=["updated_at", "id"], name="story_updated_idx"),
            # …and the same list of one kind (photo stories, live blogs: few among many).
            models.Index(fields=["kind", "updated_at", "id"], name="story_kind_updated_idx"),
            # The home page's pinned stories, without scanning every unpinned one.
            models.Index(
                fields=["-published_at"], condition=models.Q(pinned=True), name="story_pinned_idx"
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.headline)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return story_paths()(self.pk, self.slug)

    @cached_property
    def people(self) -> list:
        """The bylined people in byline order: what cards and pages show. Readers' services
        may set it outright (one query for a whole page of cards)."""
        return [byline.person for byline in self.byline_set.all()]

    @property
    def caption(self) -> str:
        if self.featured_caption:
            return self.featured_caption
        return self.featured_image.caption if self.featured_image else ""

    @property
    def summary(self) -> str:
        return story_summary(self.standfirst, self.body)

    @property
    def is_live(self) -> bool:
        return (
            self.status in LIVE_STATUSES
            and self.deleted_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def was_updated(self) -> bool:
        return updated_after_publication(self.published_at, self.updated_at)


class Byline(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE)
    person = models.ForeignKey("content.Person", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "person"], name="unique_byline"),
        ]

    def __str__(self):
        return f"{self.person} on {self.story}"
