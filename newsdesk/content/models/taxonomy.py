from django.db import models

from newsdesk.content.links import fast_reverse
from newsdesk.content.models.naming import NamedWithSlug
from newsdesk.content.text import SLUG_MAX_LENGTH
from newsdesk.content.web_links import HttpURLField
from newsdesk.editions.config import choices as edition_choices
from newsdesk.editions.config import main_edition_code


class Section(NamedWithSlug, models.Model):  # noqa: DJ008  (__str__ from NamedWithSlug)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0, help_text="Position in the navigation.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    show_in_nav = models.BooleanField(default=True)
    # Its edition's pages show it in their navigation; its stories may be of any edition.
    edition = models.CharField(max_length=16, choices=edition_choices, default=main_edition_code)

    class Meta:
        ordering = ["order", "name"]

    def get_absolute_url(self):
        return fast_reverse("public:section", kwargs={"slug": self.slug})


class Tag(NamedWithSlug, models.Model):  # noqa: DJ008  (__str__ from NamedWithSlug)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return fast_reverse("public:tag", kwargs={"slug": self.slug})


class Source(NamedWithSlug, models.Model):  # noqa: DJ008  (__str__ from NamedWithSlug)
    """A news agency or outlet whose copy the newsroom republishes ("Source: IRNA")."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)
    url = HttpURLField(blank=True, help_text="The agency's web site.")

    class Meta:
        ordering = ["name"]
