from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.links import fast_reverse
from newsdesk.content.models.naming import NamedWithSlug
from newsdesk.content.text import SLUG_MAX_LENGTH


class Person(NamedWithSlug, models.Model):  # noqa: DJ008  (__str__ from NamedWithSlug)
    """A byline: a reporter, photographer or columnist, linked to a desk account if any."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)
    bio = models.TextField(blank=True)
    role = models.CharField(max_length=120, blank=True, help_text=_('e.g. "Tehran correspondent"'))
    photo = models.ForeignKey(
        "content.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    external = models.BooleanField(
        default=False,
        help_text="Writes for another outlet (a byline taken over with agency copy).",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return fast_reverse("public:author", kwargs={"slug": self.slug})
