"""The search pages: readers' /search/ and the staff search over drafts /search/desk/."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from newsdesk.content.services.pages import PageNotFound
from newsdesk.content.services.translations import edition_scope
from newsdesk.editions.current import current_edition
from newsdesk.search import services
from newsdesk.search.forms import SearchForm


def search_page(request):
    return _render_search(request, "search/results.html", include_drafts=False)


@staff_member_required
def desk_search(request):
    return _render_search(request, "search/desk.html", include_drafts=True)


def _render_search(request, template, *, include_drafts):
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # collects errors; each invalid filter is ignored, never fatal
    text = form.query_text if form.is_bound else ""
    context = {
        "form": form,
        "query_text": text,
        "results": None,
        "crumbs": [{"label": gettext("Search"), "url": None}],
    }
    if text:
        try:
            filters = form.filters()
            if not include_drafts:  # a reader searches the edition being read
                filters.edition = edition_scope(current_edition().code)
            results = services.search(
                text,
                filters=filters,
                sort=form.sort_value,
                page=request.GET.get("page", 1),
                user=request.user,
                include_drafts=include_drafts,
            )
        except (PageNotFound, services.PageOutOfRange):
            raise Http404("No such page of results") from None
        context.update(results=results, **_pager(request, results.page, results.estimated))
    return render(request, template, context)


def _pager(request, page, estimated=False):
    base = request.GET.copy()
    numbers = page.window()
    if estimated:
        # No "last page" link to a page an estimate only guesses at: pages up to two
        # ahead, and "next" (known to exist).
        shown = numbers[: numbers.index(page.number) + 1]
        numbers = shown + [n for n in numbers[len(shown) :] if n and n <= page.number + 2]

    def page_url(number):
        params = base.copy()
        params.pop("page", None)
        if number > 1:
            params["page"] = number
        return f"{request.path}?{params.urlencode()}"

    return {
        "page": page,
        "pager": [(n, page_url(n) if n else None) for n in numbers],
        "previous_url": page_url(page.previous_number) if page.has_previous else None,
        "next_url": page_url(page.next_number) if page.has_next else None,
        "search_url": reverse("search:search"),
    }
