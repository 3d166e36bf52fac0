"""Picture renditions. Pages link each rendition's file itself (`media.rendition_url`), so a
picture costs one request; a front server answers with the file once it exists, and the
first request for a missing one comes here, which makes it and answers with it at once.

Public answers are cached for a year as immutable: a rendition's URL carries its original's
file name, so a changed picture gets new URLs rather than a changed file behind an old one.
Pictures no reader may see yet (a draft's, an embargoed story's) answer only to the
newsroom, and never with a shared-cache header.
"""

import mimetypes
import re

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from newsdesk.content.models import Image
from newsdesk.content.services import media
from newsdesk.content.services.visibility import can_preview, image_is_public

YEAR = 31536000
# "<original's stem>-<width>.<format>" or "<stem>-<ratio>.jpeg" (a crop); the stem may
# itself hold dashes.
RENDITION_FILE = re.compile(r"(?P<stem>.+)-(?P<width>\d{1,5})\.(?P<fmt>[a-z]+)")
CROP_FILE = re.compile(r"(?P<stem>.+)-(?P<ratio>\d+x\d+)\.jpeg")


def _visible(request, pk) -> tuple[Image, bool]:
    """The picture and whether it is public; 404 for what this reader may not see."""
    image = get_object_or_404(Image, pk=pk)
    public = image_is_public(image)
    if not (public or can_preview(request.user)):
        raise Http404("No such picture")
    return image, public


def _cached(response, public: bool):
    if public:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _offered(request, pk, width, fmt) -> tuple[Image, bool]:
    image, public = _visible(request, pk)
    if not media.offers_rendition(image, width, fmt):
        raise Http404("No such rendition")
    return image, public


@require_safe
def rendition_file(request, pk, name):
    """The rendition at `media.rendition_url()`, made now if it is missing."""
    if crop := CROP_FILE.fullmatch(name):
        return _crop_file(request, pk, crop["stem"], crop["ratio"])
    match = RENDITION_FILE.fullmatch(name)
    if not match:
        raise Http404("No such rendition")
    width, fmt = int(match["width"]), match["fmt"]
    image, public = _offered(request, pk, width, fmt)
    if match["stem"] != media.original_stem(image):
        raise Http404("No such rendition")  # an earlier original's: its pages are gone too
    made = media.rendition(image, width, fmt)
    response = FileResponse(made.file.open("rb"))
    response["Content-Type"] = mimetypes.guess_type(f"x.{fmt}")[0] or "application/octet-stream"
    return _cached(response, public)


def _crop_file(request, pk, stem, ratio):
    image, public = _visible(request, pk)
    if ratio not in media.CROP_RATIOS or not image.width or stem != media.original_stem(image):
        raise Http404("No such crop")
    name = media.crop(image, ratio)
    response = FileResponse(image.file.storage.open(name, "rb"), content_type="image/jpeg")
    return _cached(response, public)


@require_safe
def rendition(request, pk, width, fmt):
    """The former `/images/<pk>/<width>.<format>` addresses, still in older story bodies and
    readers' caches: a redirect to the rendition's own URL (permanent when public)."""
    image, public = _offered(request, pk, width, fmt)
    response = redirect(media.rendition_url(image, width, fmt), permanent=public)
    return _cached(response, public)
