"""The section, tag or person a list page or feed is about, by its slug."""

from django.shortcuts import get_object_or_404

from newsdesk.content.models import Person, Section, Tag


def section_or_404(slug: str) -> Section:
    return get_object_or_404(Section, slug=slug)


def tag_or_404(slug: str) -> Tag:
    return get_object_or_404(Tag, slug=slug)


def person_or_404(slug: str) -> Person:
    """The person, with their photo read too (author pages show it)."""
    return get_object_or_404(Person.objects.select_related("photo"), slug=slug)
