"""Readers' pages of trust: the site's corrections, one story's record of corrections and
origins, today's coverage across agencies. Each is cached by the page cache under keys the
change pipeline purges (receivers.py)."""

from datetime import datetime, time

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.services import provenance, reading
from newsdesk.content.services.visibility import live_stories
from newsdesk.pagecache.purge import story_key
from newsdesk.public.breadcrumbs import Crumb
from newsdesk.trust import corrections
from newsdesk.wire.services import coverage


def _page_url(number: int) -> str:
    if number == 1:
        return reverse("trust:corrections")
    return reverse("trust:corrections-page", args=[number])


def corrections_page(request, number=None):
    if number is not None and int(number) == 1:
        return redirect(_page_url(1), permanent=True)
    page = corrections.page(1 if number is None else number)
    heading = _("Corrections and updates")
    crumbs = [Crumb(heading, _page_url(1))]
    if page.number > 1:
        crumbs.append(Crumb(_("Page %(number)s") % {"number": page.number}, None))
    context = {
        "page": page,
        "notes": page.object_list,
        "heading": heading,
        "crumbs": crumbs,
        "previous_url": _page_url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": _page_url(page.next_page_number()) if page.has_next() else None,
    }
    response = render(request, "trust/corrections.html", context)
    response.page_cache_keys = [corrections.CACHE_KEY]
    return response


def story_log(request, pk):
    """One story's public record: where it came from, and every correction and update."""
    story = reading.story_for_reader(pk, request.user)
    lineage = provenance.lineage(story)
    crumbs = [
        Crumb(story.headline, story.get_absolute_url()),
        Crumb(_("Corrections and origins"), None),
    ]
    context = {"story": story, "lineage": lineage, "crumbs": crumbs}
    response = render(request, "trust/story_log.html", context)
    response.page_cache_keys = [story_key(story.pk)]
    return response


def coverage_today(request):
    """Today's events (in the site's time zone) as the agencies carry them, the most
    widely carried first. The page cache keeps it until a cluster changes, or midnight."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    heading = _("Today's coverage across agencies")
    context = {
        "clusters": coverage.clusters_since(midnight, live_stories()),
        "heading": heading,
        "crumbs": [Crumb(heading, None)],
    }
    response = render(request, "trust/coverage.html", context)
    response.page_cache_keys = [coverage.CACHE_KEY]
    return response
