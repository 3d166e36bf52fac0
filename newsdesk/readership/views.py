"""The read beacon, and the most-read lists readers see.

The beacon answers at once after one INSERT. The lists are page-cache pages like any
other (keys "most-read" and the stories shown): the aggregation purges them when what
they show changes, so the home and story pages that load them are never purged for it.
"""

import base64

from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from newsdesk.pagecache.purge import story_key
from newsdesk.public.breadcrumbs import Crumb
from newsdesk.readership import counting, ranking
from newsdesk.readership.aggregation import MOST_READ_KEY

# The smallest transparent GIF, for readers without JavaScript (<noscript><img>).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _count(request, story_id):
    reason = counting.refusal(request)
    if reason == counting.ELSEWHERE:
        return HttpResponseForbidden(gettext("Reads are counted from this site's pages only."))
    if reason is None:
        counting.record(request, story_id)
    return None


# Exempt from CSRF: no session or account is involved (requests with a session cookie are
# not counted), it stores no data anyone submitted, and cross-site requests are refused
# above by the browser's Sec-Fetch-Site; cached pages carry no token to send.
@csrf_exempt
@require_POST
def read(request, story_id):
    refused = _count(request, story_id)
    return refused or HttpResponse(status=204)


@require_GET
def pixel(request, story_id):
    refused = _count(request, story_id)
    response = refused or HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


def _lists():
    return {"day": ranking.most_read("day"), "week": ranking.most_read("week")}


def _keys(lists) -> set[str]:
    return {MOST_READ_KEY} | {story_key(s.pk) for stories in lists.values() for s in stories}


def panel(request):
    """The lists as a fragment the home and story pages load into their "Most read" box."""
    lists = _lists()
    response = render(request, "readership/panel.html", {"lists": lists, "limit": 5, "level": 3})
    response.page_cache_keys = _keys(lists)
    return response


def most_read(request):
    """The lists as a page of their own (the box's link, for readers without scripts)."""
    lists = _lists()
    crumbs = [Crumb(gettext("Most read"), None)]
    context = {"lists": lists, "limit": ranking.LIMIT, "crumbs": crumbs, "level": 2}
    response = render(request, "readership/most_read.html", context)
    response.page_cache_keys = _keys(lists)
    return response
