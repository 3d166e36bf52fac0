"""Who and what a story taken from the wire credits: its writers (people of the newsroom's
register, marked external when they were not in it), its agency (a Source), and its picture
(brought into the media library with the caption and credit it came with).

The picture is fetched before the accepting transaction starts, so no row is locked while
a remote server answers; a picture that cannot be had leaves the story without one and
says why (the wire item keeps the address).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError

from newsdesk.content.models import Byline, Person, Source, Story
from newsdesk.content.services.media import MediaNotSaved, store_picture
from newsdesk.content.text import SLUG_MAX_LENGTH, make_slug
from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import WireItem

log = logging.getLogger(__name__)
PICTURE_MAX_BYTES = 20 * 1024 * 1024
PICTURE_TIMEOUT = 20
PICTURE_TYPES = ["image/jpeg", "image/png", "image/webp"]


def _unique_slug(model, text: str, fallback: str) -> str:
    base = make_slug(text) or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
    return slug


def writers(item: WireItem) -> list[Person]:
    """The people of the item's byline, in its order: a person of the same name already in
    the register, else a new one marked external."""
    people = []
    for name in dict.fromkeys(n.strip() for n in (item.author or "").split(",")):
        if not name:
            continue
        name = name[:120]
        person = Person.objects.filter(name__iexact=name).order_by("external", "pk").first()
        if person is None:
            person = Person.objects.create(
                name=name, slug=_unique_slug(Person, name, "person"), external=True
            )
        people.append(person)
    return people


def add_bylines(story: Story, people: list[Person]) -> None:
    Byline.objects.bulk_create(
        [Byline(story=story, person=person, position=n) for n, person in enumerate(people)]
    )


def agency(item: WireItem) -> Source | None:
    """The item's source; for a page imported without one, the outlet that published it,
    found by its web address or name, or made from the name the page gives itself."""
    if item.source_id:
        return item.source
    if not item.link:
        return None
    parts = urlsplit(item.link)
    home = f"{parts.scheme}://{parts.netloc}/"
    found = Source.objects.filter(url__in=[home, home.rstrip("/")]).first()
    name = (item.site_name or parts.hostname or "").strip()[:120]
    if found is None and item.site_name:
        found = Source.objects.filter(name__iexact=name).first()
    if found is None and name:
        found = Source.objects.create(
            name=name, slug=_unique_slug(Source, name, "source"), url=home
        )
    return found


@dataclass
class Picture:
    data: bytes = b""
    name: str = ""
    problem: str = ""


def fetch_picture(item: WireItem) -> Picture:
    """The bytes of the item's picture, or why there are none."""
    if not item.image_url:
        return Picture()
    try:
        result = fetch(
            item.image_url,
            accept=PICTURE_TYPES,
            max_bytes=PICTURE_MAX_BYTES,
            timeout=PICTURE_TIMEOUT,
        )
    except (FetchError, UnsafeURL) as exc:
        return Picture(problem=f"the picture could not be fetched: {exc}")
    if result.status != 200:
        return Picture(problem=f"the picture answered HTTP {result.status}")
    name = unquote(urlsplit(result.final_url).path.rsplit("/", 1)[-1]) or "picture"
    return Picture(data=result.content, name=name[-100:])


def store_fetched_picture(item: WireItem, picture: Picture):
    """The media library's Image of a fetched picture, with the caption and credit the
    copy gave it (the agency's name when no credit was given); None, logged, if it is not
    a picture the library accepts."""
    if not picture.data:
        if picture.problem:
            log.warning("wire item %s: %s", item.pk, picture.problem)
        return None
    credit = item.image_credit or (item.source.name if item.source_id else item.site_name)
    try:
        return store_picture(
            picture.data,
            picture.name,
            alt_text=item.image_caption[:500],
            caption=item.image_caption,
            credit=credit,
            title=item.headline,
        )
    except (ValidationError, MediaNotSaved) as exc:
        log.warning("wire item %s: the picture was not kept: %s", item.pk, exc)
        return None
