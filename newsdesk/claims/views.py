"""Readers' claims search: `/claims/` (the form, the most quoted speakers and units) and
`/claims/find/<terms>/` (results). The form's query string is redirected to the path of
its search, which the page cache keeps; both pages are purged with the home page (live
stories come and go) and on every change to a ledger."""

from django.core.paginator import EmptyPage
from django.http import Http404
from django.shortcuts import redirect, render

from newsdesk.claims import search
from newsdesk.claims.forms import ClaimSearchForm
from newsdesk.claims.ledger import SEARCH_KEY

# Live stories appear and leave with the home page: the search pages go with it.
PAGE_KEYS = {SEARCH_KEY, "home"}


def _cached(response):
    response.page_cache_keys = PAGE_KEYS
    return response


def index(request):
    form = ClaimSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = search.ClaimSearch(data["speaker"], data["unit"], data["low"], data["high"])
        return redirect(found.url())
    context = {
        "form": form,
        "speakers": [
            (search.ClaimSearch(speaker=key).url(), name, count)
            for key, name, count in search.frequent("speaker")
        ],
        "units": [
            (search.ClaimSearch(unit=key).url(), name, count)
            for key, name, count in search.frequent("unit")
        ],
        "search": search.ClaimSearch(),
    }
    response = render(request, "claims/search.html", context, status=400 if form.errors else 200)
    return response if form.is_bound else _cached(response)


def find(request, terms):
    try:
        wanted = search.ClaimSearch.from_path(terms)
        page = search.page_of(wanted)
    except (search.BadSearch, EmptyPage):
        raise Http404("No such search") from None
    if wanted.is_empty:
        return redirect("claims:index", permanent=True)
    form = ClaimSearchForm(
        initial={
            "speaker": wanted.speaker,
            "unit": wanted.unit,
            "low": wanted.low,
            "high": wanted.high,
        }
    )
    context = {"form": form, "search": wanted, "page": page, "claims": page.object_list}
    if page.has_previous():
        context["previous_url"] = wanted.url(page.previous_page_number())
    if page.has_next():
        context["next_url"] = wanted.url(page.next_page_number())
    return _cached(render(request, "claims/search.html", context))
