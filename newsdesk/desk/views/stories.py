"""Story list, writing and editing. Thin: rules live in content/services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.content.models import Person, Status, Story
from newsdesk.content.services import permissions, presence, revisions, workflow
from newsdesk.desk import drafts
from newsdesk.desk.access import desk_view, story_or_404
from newsdesk.desk.forms import (
    BulkActionForm,
    CorrectionForm,
    GalleryAddForm,
    StoryForm,
    TransitionForm,
)
from newsdesk.desk.story_list_query import SEARCH_WINDOW, StoryFilterForm, story_page
from newsdesk.desk.story_rows import story_rows
from newsdesk.desk.views.drafts import draft_context
from newsdesk.ops import submissions
from newsdesk.wire.models import ItemStatus, WireItem
from newsdesk.wire.services import queue


@desk_view
def story_list(request):
    form = StoryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    listing = story_page(request.user, data, request.GET.get("after", ""))
    query = request.GET.copy()
    query.pop("after", None)
    can_publish = permissions.can_publish(request.user)
    context = {
        "form": form,
        "listing": listing,
        "search_window": SEARCH_WINDOW,
        "query": query.urlencode(),
        "first_page": not request.GET.get("after"),
        "bulk_form": BulkActionForm(),
        "can_publish": can_publish,
        "review_count": can_publish
        and Story.objects.filter(status=Status.REVIEW, deleted_at__isnull=True).count(),
    }
    rows = story_rows(context)
    if request.headers.get("HX-Request") or request.GET.get("partial"):
        return HttpResponse(rows)
    return render(request, "desk/story_list.html", {**context, "rows": rows})


@desk_view
def story_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("You may not write stories.")
    initial = {"submission": submissions.new_token()}
    own = Person.objects.filter(user=request.user).first()
    if own:  # a reporter's own story carries their byline unless they change it
        initial["bylines"] = [own.pk]
    form = StoryForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        tags, bylines = changes.pop("tags"), changes.pop("bylines")
        story_id, created = submissions.submit_once(
            request.user,
            form.cleaned_data["submission"],
            lambda: revisions.create_story(changes, request.user, tags=tags, bylines=bylines).pk,
        )
        _describe_picture(request, form)
        drafts.discard(None, request.user)
        if created:
            messages.success(request, _("Story created."))
        else:
            messages.warning(
                request,
                _(
                    "This form was already sent: the story was created once, the second send "
                    "made nothing new. This is that story."
                ),
            )
        return redirect("desk:story-edit", pk=story_id)
    context = {"form": form, "story": None, **draft_context(None, request.user)}
    return render(request, "desk/story_edit.html", context)


def _describe_picture(request, form):
    """The featured picture's alt text and credit, as edited beside it in the story form."""
    image = form.cleaned_data.get("featured_image")
    details = form.picture_details()
    if image is None or all(getattr(image, k) == v for k, v in details.items()):
        return
    if not request.user.has_perm("content.change_image"):
        messages.warning(
            request,
            _("The picture's alt text and credit were not changed: you may not change pictures."),
        )
        return
    for name, value in details.items():
        setattr(image, name, value)
    image.save(update_fields=list(details))


@desk_view
def story_edit(request, pk):
    story = story_or_404(pk)
    if not permissions.can_edit(request.user, story):
        raise PermissionDenied(_("You may not edit this story."))
    conflict = None
    if request.method == "POST":
        form = StoryForm(request.POST, instance=Story.objects.get(pk=story.pk), user=request.user)
        if form.is_valid():
            try:
                revisions.save_story(
                    story, form.changes(), request.user, form.cleaned_data["version"] or 0
                )
            except revisions.EditConflict as error:
                conflict = _conflict_context(error, form)
                if error.by == request.user and not conflict["mine_vs_theirs"]:
                    # The same save sent twice (a double click): the first one did it.
                    messages.info(request, _("Already saved: this form was sent twice."))
                    return redirect("desk:story-edit", pk=story.pk)
                # Keep the user's text in the form; the hidden version moves on so that a
                # deliberate second save (after reading the diff) goes through.
                form.data = form.data.copy()
                form.data["version"] = error.story.version
            else:
                _describe_picture(request, form)
                drafts.discard(story, request.user)
                messages.success(request, _("Saved."))
                return redirect("desk:story-edit", pk=story.pk)
    else:
        form = StoryForm(instance=story, initial={"version": story.version}, user=request.user)
    presence.heartbeat(story, request.user)
    return render(request, "desk/story_edit.html", _edit_context(request, story, form, conflict))


def _conflict_context(error, form):
    base = error.story.revisions.filter(version=error.base_version).first()
    theirs = revisions.snapshot(error.story)
    mine = {
        **theirs,
        **{k: v for k, v in form.changes().items() if k not in ("tags", "bylines")},
    }
    for name in ("section", "featured_image"):
        value = mine.pop(name, None)
        mine[f"{name}_id"] = value.pk if value else None
    return {
        "message": str(error),
        "their_changes": revisions.diff(base.fields if base else {}, theirs),
        "mine_vs_theirs": revisions.diff(theirs, mine),
    }


def _edit_context(request, story, form, conflict=None):
    return {
        "form": form,
        "story": story,
        "conflict": conflict,
        "others": presence.other_editors(story, request.user),
        "transitions": [
            (state, Status(state).label)
            for state in workflow.available_transitions(story, request.user)
        ],
        "problems": workflow.publication_problems(story),
        "events": story.events.select_related("user")[:20],
        "gallery": workflow.gallery_for(story),
        "gallery_form": GalleryAddForm(),
        "correction_form": CorrectionForm(),
        "can_publish": permissions.can_publish(request.user),
        "can_delete": permissions.can_delete(request.user, story),
        **_agency_context(story),
        **draft_context(story, request.user),
    }


def _agency_context(story):
    """The agency copy beside the story: the newest wire item it was made from or updated
    with, and the other agencies' versions of it that are still open (to credit as sources)."""
    copy = (
        WireItem.objects.filter(story=story, status__in=(ItemStatus.ACCEPTED, ItemStatus.MERGED))
        .select_related("source")
        .order_by("-fetched_at", "-id")
        .first()
    )
    others = []
    if copy:
        others = [o for o in queue.other_versions(copy) if o.status in queue.OPEN_STATUSES]
    return {"agency_copy": copy, "other_versions": others}


@desk_view
@require_POST
def story_transition(request, pk):
    story = story_or_404(pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid state and time."))
        return redirect("desk:story-edit", pk=pk)
    data = form.cleaned_data
    try:
        workflow.transition(story, data["to_state"], request.user, data["note"], at=data["at"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except ValueError:
        messages.error(request, _("Unknown state."))
    else:
        messages.success(
            request, _("Story is now %(state)s.") % {"state": story.get_status_display().lower()}
        )
    if permissions.can_edit(request.user, story):
        return redirect("desk:story-edit", pk=pk)
    return redirect("desk:story-list")


@desk_view
@require_POST
def story_delete(request, pk):
    story = story_or_404(pk)
    workflow.trash(story, request.user, request.POST.get("note", ""))
    messages.success(
        request, _("“%(headline)s” moved to the trash.") % {"headline": story.headline}
    )
    return redirect("desk:story-list")


@desk_view
@require_POST
def story_presence(request, pk):
    """Heartbeat from an open editor page (every 30 s) or its goodbye when it closes."""
    story = story_or_404(pk)
    if not permissions.can_edit(request.user, story):
        raise PermissionDenied(_("You may not edit this story."))
    if request.POST.get("leave"):
        presence.leave(story, request.user)
        return JsonResponse({"others": []})
    presence.heartbeat(story, request.user)
    others = presence.other_editors(story, request.user)
    return JsonResponse({"others": [u.get_full_name() or u.get_username() for u in others]})


@desk_view
@require_POST
def gallery_add(request, pk):
    from newsdesk.content.services import galleries

    story = story_or_404(pk)
    form = GalleryAddForm(request.POST)
    if form.is_valid():
        galleries.add_picture(story, request.user, **form.cleaned_data)
        messages.success(request, _("Picture added to the gallery."))
    else:
        messages.error(request, _("Choose a picture from the library."))
    return redirect("desk:story-edit", pk=pk)


@desk_view
@require_POST
def gallery_remove(request, pk, item_pk):
    from newsdesk.content.services import galleries

    galleries.remove_picture(story_or_404(pk), request.user, item_pk)
    messages.success(request, _("Picture removed from the gallery."))
    return redirect("desk:story-edit", pk=pk)


@desk_view
@require_POST
def gallery_move(request, pk, item_pk):
    from newsdesk.content.services import galleries

    offset = -1 if request.POST.get("direction") == "up" else 1
    galleries.move_picture(story_or_404(pk), request.user, item_pk, offset)
    return redirect("desk:story-edit", pk=pk)
