"""Picture renditions. Pages link each rendition's file itself (`media.rendition_url`), so a
picture costs one request; a front server answers with the file once it exists, and the
first request for a missing one comes here, which makes it and answers with it at once.

Both answers are cached for a year as immutable: a rendition's URL carries its original's
file name, so a changed picture gets new URLs rather than a changed file behind an old one.
"""

import mimetypes
import re

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from newsdesk.content.models import Image
from newsdesk.content.services import media

FOREVER = {"public": True, "max_age": 31536000, "immutable": True}
# "<original's stem>-<width>.<format>" or "<stem>-<ratio>.jpeg" (a crop); the stem may
# itself hold dashes.
RENDITION_FILE = re.compile(r"(?P<stem>.+)-(?P<width>\d{1,5})\.(?P<fmt>[a-z]+)")
CROP_FILE = re.compile(r"(?P<stem>.+)-(?P<ratio>\d+x\d+)\.jpeg")


def _offered(pk, width, fmt) -> Image:
    image = get_object_or_404(Image, pk=pk)
    if not media.offers_rendition(image, width, fmt):
        raise Http404("No such rendition")
    return image


@require_safe
@cache_control(**FOREVER)
def rendition_file(request, pk, name):
    """The rendition at `media.rendition_url()`, made now if it is missing."""
    if crop := CROP_FILE.fullmatch(name):
        return _crop_file(pk, crop["stem"], crop["ratio"])
    match = RENDITION_FILE.fullmatch(name)
    if not match:
        raise Http404("No such rendition")
    width, fmt = int(match["width"]), match["fmt"]
    image = _offered(pk, width, fmt)
    if match["stem"] != media.original_stem(image):
        raise Http404("No such rendition")  # an earlier original's: its pages are gone too
    made = media.rendition(image, width, fmt)
    response = FileResponse(made.file.open("rb"))
    response["Content-Type"] = mimetypes.guess_type(f"x.{fmt}")[0] or "application/octet-stream"
    return response


def _crop_file(pk, stem, ratio):
    image = get_object_or_404(Image, pk=pk)
    if ratio not in media.CROP_RATIOS or not image.width or stem != media.original_stem(image):
        raise Http404("No such crop")
    name = media.crop(image, ratio)
    return FileResponse(image.file.storage.open(name, "rb"), content_type="image/jpeg")


@require_safe
@cache_control(**FOREVER)
def rendition(request, pk, width, fmt):
    """The former `/images/<pk>/<width>.<format>` addresses, still in older story bodies and
    readers' caches: a permanent redirect to the rendition's own URL."""
    image = _offered(pk, width, fmt)
    return redirect(media.rendition_url(image, width, fmt), permanent=True)
