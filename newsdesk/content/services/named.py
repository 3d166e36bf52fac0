"""The section, tag or person a list page is about, by its slug, in one prepared query
(prepared.py): `get_object_or_404()` builds and compiles its query anew on every request."""

from django.http import Http404

from newsdesk.content.models import Image, Person, Section, Tag
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.rows import Columns, set_related

SECTION = Columns(Section)
TAG = Columns(Tag)
PERSON = Columns(Person)
PHOTO = Columns(Image, "photo")

_sections = Prepared(lambda slug: Section.objects.filter(slug=slug).values_list(*SECTION.lookups))
_tags = Prepared(lambda slug: Tag.objects.filter(slug=slug).values_list(*TAG.lookups))
_people = Prepared(
    lambda slug: Person.objects.filter(slug=slug).values_list(*PERSON.lookups, *PHOTO.lookups)
)


def _only(rows):
    if not rows:
        raise Http404("Nothing by that name")
    return rows[0]


def section_or_404(slug: str) -> Section:
    return SECTION.build(_only(_sections.rows(slug=slug)))


def tag_or_404(slug: str) -> Tag:
    return TAG.build(_only(_tags.rows(slug=slug)))


def person_or_404(slug: str) -> Person:
    """The person, with their photo read too (author pages show it)."""
    row = _only(_people.rows(slug=slug))
    person = PERSON.build(row)
    set_related(person, "photo", PHOTO.build(row, PERSON.width))
    return person
