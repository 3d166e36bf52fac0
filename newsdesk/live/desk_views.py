"""The desk's side of live coverage: a live blog's stream (post, edit, delete, flag,
archive) and breaking alerts. Rules live in services.py and alerts.py; these views turn
forms into calls and answer the stream's script with the refreshed list."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.content.models import Kind, Story
from newsdesk.content.services import permissions
from newsdesk.desk.access import desk_view, story_or_404
from newsdesk.live import alerts, reading, services
from newsdesk.live.forms import AlertForm, EntryForm
from newsdesk.live.models import BreakingAlert, LiveEntry

STREAM_SIZE = 50


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Live-Stream") == "1"


def _live_story(pk) -> Story:
    story = story_or_404(pk)
    if story.kind != Kind.LIVE:
        raise PermissionDenied(_("This story is not a live blog."))
    return story


def _stream_context(request, story) -> dict:
    entries = list(reading.entries_of(story.pk)[:STREAM_SIZE])
    return {
        "story": story,
        "blog": reading.blog_of(story),
        "entries": entries,
        "can_post": permissions.can_edit(request.user, story),
        "poll_seconds": getattr(settings, "NEWSDESK_LIVE_DESK_POLL_SECONDS", 3),
    }


def _stream_list(request, story, status=200):
    return render(request, "live/stream_list.html", _stream_context(request, story), status=status)


def _problem(request, story, error):
    text = error.messages[0] if isinstance(error, ValidationError) else str(error)
    if _wants_fragment(request):
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    messages.error(request, text)
    return redirect("live-desk:stream", pk=story.pk)


def _done(request, story, note):
    if _wants_fragment(request):
        return _stream_list(request, story)
    messages.success(request, note)
    return redirect("live-desk:stream", pk=story.pk)


@desk_view
def overview(request):
    """Breaking alert now, a form to set one, and the live blogs with their streams."""
    blogs = (
        Story.objects.filter(kind=Kind.LIVE, deleted_at__isnull=True)
        .select_related("live_blog")
        .order_by("-updated_at")[:50]
    )
    context = {
        "alert": BreakingAlert.objects.filter(ended_at__isnull=True).first(),
        "form": AlertForm(),
        "blogs": blogs,
        "can_alert": permissions.can_publish(request.user),
    }
    return render(request, "live/overview.html", context)


@desk_view
@require_POST
def alert_start(request):
    form = AlertForm(request.POST)
    if form.is_valid():
        try:
            alerts.check_rights(request.user)
            services.start_alert(
                request.user,
                headline=form.cleaned_data["headline"],
                link=form.cleaned_data["link"],
                expires_in=form.expires_in(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The breaking alert shows on every page."))
            return redirect("live-desk:overview")
    context = {"alert": alerts.current(), "form": form, "blogs": [], "can_alert": True}
    return render(request, "live/overview.html", context, status=400)


@desk_view
@require_POST
def alert_end(request, alert_id):
    alerts.end_alert(get_object_or_404(BreakingAlert, pk=alert_id), request.user)
    messages.success(request, _("The breaking alert is down."))
    return redirect("live-desk:overview")


@desk_view
def stream(request, pk):
    story = _live_story(pk)
    context = {**_stream_context(request, story), "form": EntryForm()}
    return render(request, "live/stream.html", context)


@desk_view
def stream_list(request, pk):
    """The entries alone: what the stream's script polls to show other editors' posts."""
    return _stream_list(request, _live_story(pk))


@desk_view
@require_POST
def entry_post(request, pk):
    story = _live_story(pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        if _wants_fragment(request):
            errors = "; ".join(e for errs in form.errors.values() for e in errs)
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        context = {**_stream_context(request, story), "form": form}
        return render(request, "live/stream.html", context, status=400)
    try:
        services.post_entry(story, request.user, **form.cleaned_data)
    except ValidationError as error:
        if _wants_fragment(request):
            return _problem(request, story, error)
        form.add_error(None, error)  # the editor's text stays in the form
        return render(
            request,
            "live/stream.html",
            {**_stream_context(request, story), "form": form},
            status=400,
        )
    return _done(request, story, _("Posted."))


def _entry(story, entry_id) -> LiveEntry:
    return get_object_or_404(LiveEntry, story=story, pk=entry_id)


@desk_view
@require_POST
def entry_edit(request, pk, entry_id):
    story = _live_story(pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _problem(request, story, ValidationError(list(form.errors.values())[0][0]))
    try:
        services.edit_entry(_entry(story, entry_id), request.user, **form.cleaned_data)
    except ValidationError as error:
        return _problem(request, story, error)
    return _done(request, story, _("Entry updated."))


@desk_view
@require_POST
def entry_flag(request, pk, entry_id):
    """Turn an entry's key-event or pinned flag on or off."""
    story = _live_story(pk)
    flag = request.POST.get("flag")
    if flag not in ("key_event", "pinned"):
        return _problem(request, story, ValidationError(_("Unknown flag.")))
    entry = _entry(story, entry_id)
    services.edit_entry(entry, request.user, **{flag: not getattr(entry, flag)})
    return _done(request, story, _("Entry updated."))


@desk_view
@require_POST
def entry_delete(request, pk, entry_id):
    story = _live_story(pk)
    services.delete_entry(_entry(story, entry_id), request.user)
    return _done(request, story, _("Entry deleted."))


@desk_view
@require_POST
def blog_state(request, pk):
    story = _live_story(pk)
    archived = request.POST.get("state") == "archived"
    services.set_archived(story, request.user, archived)
    note = (
        _("Live blog archived: readers' pages stop updating.")
        if archived
        else _("Live blog reopened.")
    )
    messages.success(request, note)
    return redirect("live-desk:stream", pk=story.pk)
