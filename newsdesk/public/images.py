"""Picture renditions at stable URLs: templates emit srcset without touching the database,
and the first request for a size makes it (once) and later ones are redirects the browser
and any front cache keep. Pictures no reader may see yet (a draft's, an embargoed story's)
answer only to the newsroom, and never with a shared-cache header."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control

from newsdesk.content.models import Image
from newsdesk.content.services import media
from newsdesk.content.services.visibility import can_preview, image_is_public

YEAR = 31536000


def rendition(request, pk, width, fmt):
    image = get_object_or_404(Image, pk=pk)
    if width not in media.rendition_widths(image) or fmt not in (
        "webp",
        media.fallback_format(image),
    ):
        raise Http404("No such rendition")
    public = image_is_public(image)
    if not (public or can_preview(request.user)):
        raise Http404("No such rendition")
    response = redirect(media.rendition(image, width, fmt).file.url, permanent=public)
    if public:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
