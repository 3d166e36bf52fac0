"""An agency's picture, by its address, into the media library: fetched through the safe
fetcher, then checked and stored like any upload (formats, pixel limit, location data)."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from newsdesk.content.models import Image
from newsdesk.content.services.media import MAX_UPLOAD_BYTES, store_upload
from newsdesk.net import FetchError, UnsafeURL, fetch

PICTURE_TIMEOUT = 20


class PictureNotFetched(Exception):
    pass


def _fetch_first(renditions: list[dict]) -> tuple[str, bytes]:
    problems = []
    for rendition in renditions:
        try:
            result = fetch(rendition["href"], timeout=PICTURE_TIMEOUT, max_bytes=MAX_UPLOAD_BYTES)
        except (FetchError, UnsafeURL) as exc:
            problems.append(f"{rendition['href'][:200]}: {exc}")
            continue
        if result.status == 200:
            return rendition["href"], result.content
        problems.append(f"{rendition['href'][:200]}: HTTP {result.status}")
    raise PictureNotFetched("; ".join(problems) or "the item names no picture to fetch")


def store_picture(item, renditions: list[dict], user) -> Image:
    """The largest rendition that can be fetched (renditions come largest first), with the
    wire item's caption (its summary), credit (its byline) and headline."""
    if user is None:
        raise PermissionDenied("no user to add it in the name of (import-ninjs takes --user NAME)")
    href, data = _fetch_first(renditions)
    name = posixpath.basename(urlsplit(href).path) or "picture"
    return store_upload(
        ContentFile(data, name=name[:100]),
        user,
        alt_text=item.summary[:500],
        caption=item.summary,
        credit=item.author[:255],
        title=item.headline[:255],
    )
