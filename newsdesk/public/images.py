"""Picture renditions at stable URLs: templates emit srcset without touching the database,
and the first request for a size makes it (once) and later ones are redirects the browser
and any front cache keep."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import cache_control

from newsdesk.content.models import Image
from newsdesk.content.services import media


@cache_control(public=True, max_age=31536000, immutable=True)
def rendition(request, pk, width, fmt):
    image = get_object_or_404(Image, pk=pk)
    if width not in media.rendition_widths(image) or fmt not in (
        "webp",
        media.fallback_format(image),
    ):
        raise Http404("No such rendition")
    return redirect(media.rendition(image, width, fmt).file.url, permanent=True)
