"""The wire queue for editors: thin views over newsdesk.wire.services."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.content.local_dates import local_date
from newsdesk.content.models import Story
from newsdesk.net import FetchError, UnsafeURL, check_url
from newsdesk.wire import clusters
from newsdesk.wire.forms import ImportURLForm, MergeForm, NinjsUploadForm, QueueFilterForm
from newsdesk.wire.models import ItemStatus, SeenItem, WireItem, WireSource
from newsdesk.wire.services import queue
from newsdesk.wire.services.extraction import import_url
from newsdesk.wire.services.ninjs import import_ninjs
from newsdesk.wire.services.page_extraction import ExtractorMissing, require_extractor
from newsdesk.wire.tasks import import_url_job

PAGE_SIZE = 50
# Arrivals shown at once; more than this between two polls is a flood better read by paging.
ARRIVALS_LIMIT = 50


def newsroom_only(perm: str):
    """The wire desk is for the newsroom: staff whose role holds `perm` (reading the queue
    needs content.view_story, bringing copy in needs content.add_story), not any account
    with a staff flag. The queue services check each action's own permission again."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not (request.user.is_staff and request.user.has_perm(perm)):
                raise PermissionDenied(_("The wire desk is for newsroom staff."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


reads_wire = newsroom_only("content.view_story")
brings_copy_in = newsroom_only("content.add_story")


def _queue_items(form):
    """The items the filters ask for (open ones unless a status is chosen)."""
    items = WireItem.objects.all()
    status = ""
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"]
        if data["q"]:
            items = items.filter(Q(headline__icontains=data["q"]) | Q(body__icontains=data["q"]))
        if data["source"]:
            items = items.filter(source=data["source"])
        if data["section"]:
            items = items.filter(source__wire__default_section=data["section"])
    if not status:
        return items.filter(status__in=queue.OPEN_STATUSES)
    if status != "all":
        return items.filter(status=status)
    return items


def _leaders(items, user):
    """The newest item of each cluster among `items`, newest first, each marked with
    whether `user` has seen it."""
    newer_in_group = items.filter(group_id=OuterRef("group_id")).filter(
        Q(fetched_at__gt=OuterRef("fetched_at"))
        | Q(fetched_at=OuterRef("fetched_at"), id__gt=OuterRef("id"))
    )
    seen = SeenItem.objects.filter(item=OuterRef("pk"), user=user)
    return (
        items.exclude(Exists(newer_in_group))
        .annotate(seen=Exists(seen))
        .select_related("source")
        .defer(*clusters.UNLISTED_FIELDS)
        .order_by("-fetched_at", "-id")
    )


@reads_wire
def queue_list(request):
    """Newest first, one entry per near-duplicate cluster: a cluster is listed where its
    newest matching item falls, with every matching version under it."""
    form = QueueFilterForm(request.GET or None)
    items = _queue_items(form)
    if form.is_valid() and form.cleaned_data["unseen"]:
        items = items.exclude(seen_by__user=request.user)
    if request.GET.get("since"):
        return _arrivals(request, items)
    page = Paginator(_leaders(items, request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    listed = clusters.for_leaders(list(page), items)
    context = {
        "form": form,
        "page": page,
        "clusters": listed,
        "groups": _groups_html(request, listed),
        "query": query.urlencode(),
        "newest_id": WireItem.objects.order_by("-id").values_list("id", flat=True).first() or 0,
    }
    return render(request, "wire/queue.html", context)


def _arrivals(request, items):
    """The queue's entries for items that arrived after `since` (an item id), for the open
    queue to put at its top without reloading: it asks every few seconds."""
    try:
        since = int(request.GET["since"])
    except ValueError:
        return JsonResponse({"error": "since must be an item number"}, status=400)
    newest = WireItem.objects.order_by("-id").values_list("id", flat=True).first() or 0
    arrived = list(_leaders(items.filter(id__gt=since), request.user)[:ARRIVALS_LIMIT])
    html = ""
    if arrived:
        html = _groups_html(
            request, clusters.for_leaders(arrived, items), back=request.GET.get("back")
        )
    return JsonResponse({"new": len(arrived), "newest": max(newest, since), "html": html})


def _groups_html(request, listed: list, back: str | None = None) -> str:
    """The queue's entries, rendered by Jinja2 (the readers' engine): fifty entries of
    forms, links and dates cost the Django template language several times as long."""
    context = {
        "clusters": listed,
        "back": back,
        # Each label translated once a page, not once an entry.
        "status_labels": {code: str(label) for code, label in ItemStatus.choices},
        "local_date": local_date,
        # One token for the page's many forms (Django's csrf_input makes one a form).
        "form_token": get_token(request),
    }
    return mark_safe(render_to_string("wire/queue_groups.html", context, request=request))


@reads_wire
def item_detail(request, pk):
    item = get_object_or_404(WireItem.objects.select_related("source", "story"), pk=pk)
    queue.mark_seen([item], request.user)  # read in full: seen, for this editor
    return render(
        request,
        "wire/item.html",
        {
            "item": item,
            "others": queue.other_versions(item),
            "merge_form": MergeForm(),
            "is_open": item.status in queue.OPEN_STATUSES,
        },
    )


def _back(request) -> str:
    """Where a form asked to return to (a desk page), if it is on this site."""
    back = request.POST.get("next", "")
    return back if url_has_allowed_host_and_scheme(back, {request.get_host()}) else ""


def _act(request, action):
    try:
        result = action()
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    return result


@reads_wire
@require_POST
def accept(request, pk):
    item = get_object_or_404(WireItem, pk=pk)
    story = _act(request, lambda: queue.accept(item, request.user))
    if story is None:
        return redirect("wire:item", pk=pk)
    messages.success(
        request, _("Draft story %(number)s created from the wire item.") % {"number": story.pk}
    )
    return redirect("desk:story-edit", pk=story.pk)


@reads_wire
@require_POST
def reject(request, pk):
    item = get_object_or_404(WireItem, pk=pk)
    if _act(request, lambda: queue.reject(item, request.user)) is not None:
        messages.success(request, _("Item rejected."))
    return redirect(_back(request) or reverse("wire:item", args=[pk]))


@reads_wire
@require_POST
def merge(request, pk):
    item = get_object_or_404(WireItem, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the story to merge into."))
        return redirect(_back(request) or reverse("wire:item", args=[pk]))
    story = Story.objects.filter(pk=form.cleaned_data["story"], deleted_at__isnull=True).first()
    if story is None:
        messages.error(
            request, _("There is no story %(number)s.") % {"number": form.cleaned_data["story"]}
        )
        return redirect(_back(request) or reverse("wire:item", args=[pk]))
    if _act(request, lambda: queue.merge(item, story, request.user)) is None:
        return redirect(_back(request) or reverse("wire:item", args=[pk]))
    if request.POST.get("open_story"):
        # From the queue's "add to a story as an update": the story opens with this copy
        # beside it, for the editor to fold the new facts in.
        messages.success(
            request,
            _("Added as an update; %(agency)s is credited. The new copy is beside the story.")
            % {"agency": item.source or _("the item's agency")},
        )
        return redirect("desk:story-edit", pk=story.pk)
    messages.success(
        request, _("Merged into story %(number)s; its source is credited.") % {"number": story.pk}
    )
    return redirect(_back(request) or reverse("wire:item", args=[pk]))


@reads_wire
@require_POST
def seen(request, pk):
    """Mark an item, with the other versions of its story, seen (or, with `unseen`, not
    seen) for this editor. The queue's script asks for JSON; a plain form comes back."""
    item = get_object_or_404(WireItem, pk=pk)
    now_seen = not request.POST.get("unseen")
    queue.mark_seen(queue.cluster_of(item), request.user, seen=now_seen)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"seen": now_seen})
    return redirect(_back(request) or reverse("wire:queue"))


@brings_copy_in
def import_page(request):
    form = ImportURLForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["background"]:
        try:
            check_url(form.cleaned_data["url"])  # refuse now what the worker would refuse
            require_extractor()
        except (UnsafeURL, FetchError, ExtractorMissing) as exc:
            form.add_error("url", f"The page could not be imported: {exc}")
        else:
            source = form.cleaned_data["source"]
            import_url_job.enqueue(form.cleaned_data["url"], source.pk if source else None)
            messages.success(request, _("The page will appear in the wire queue once fetched."))
            return redirect("wire:queue")
    elif request.method == "POST" and form.is_valid():
        try:
            item = import_url(form.cleaned_data["url"], source=form.cleaned_data["source"])
        except (UnsafeURL, FetchError, ExtractorMissing) as exc:
            form.add_error("url", f"The page could not be imported: {exc}")
        else:
            messages.success(request, _("Page imported into the wire queue."))
            return redirect("wire:item", pk=item.pk)
    return render(
        request, "wire/import_url.html", {"form": form}, status=400 if form.errors else 200
    )


@brings_copy_in
def upload_ninjs(request):
    form = NinjsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        item = import_ninjs(
            form.cleaned_data["file"].read(), source=form.cleaned_data["source"], user=request.user
        )
        if item is None:
            messages.info(request, _("This document was already in the wire queue."))
            return redirect("wire:queue")
        if item.status == ItemStatus.FAILED:
            messages.error(
                request, _("Stored, but it could not be read: %(error)s") % {"error": item.error}
            )
        else:
            messages.success(request, _("ninjs document added to the wire queue."))
        return redirect("wire:item", pk=item.pk)
    return render(
        request, "wire/upload_ninjs.html", {"form": form}, status=400 if form.errors else 200
    )


@reads_wire
def sources(request):
    rows = WireSource.objects.select_related("source", "default_section").prefetch_related("feeds")
    return render(request, "wire/sources.html", {"sources": rows})
