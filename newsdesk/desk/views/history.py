"""Revisions (list, diff, restore), corrections and preview links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.content.models import Revision
from newsdesk.content.services import corrections, permissions, previews, revisions
from newsdesk.desk.access import desk_view, story_or_404
from newsdesk.desk.forms import CorrectionForm


@desk_view
def revision_list(request, pk):
    story = story_or_404(pk)
    if not permissions.can_edit(request.user, story) and not permissions.is_owner(
        request.user, story
    ):
        raise PermissionDenied("You may not see this story's history.")
    history = list(story.revisions.select_related("user"))
    by_version = {revision.version: revision for revision in history}
    diff, old, new = None, None, None
    if "a" in request.GET and "b" in request.GET:
        try:
            old = by_version[int(request.GET["a"])]
            new = by_version[int(request.GET["b"])]
        except (KeyError, ValueError):
            raise Http404("No such revision") from None
        diff = revisions.diff(old.fields, new.fields)
    context = {"story": story, "history": history, "diff": diff, "old": old, "new": new}
    return render(request, "desk/revisions.html", context)


@desk_view
@require_POST
def revision_restore(request, pk, version):
    story = story_or_404(pk)
    revision = get_object_or_404(Revision, story=story, version=version)
    story = revisions.restore(revision, request.user)
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.") % {"old": version, "new": story.version},
    )
    return redirect("desk:story-edit", pk=pk)


@desk_view
@require_POST
def correction_add(request, pk):
    story = story_or_404(pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the text of the note."))
        return redirect("desk:story-edit", pk=pk)
    try:
        corrections.add_note(
            story, form.cleaned_data["kind"], form.cleaned_data["text"], request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Note added; readers see it at the end of the story."))
    return redirect("desk:story-edit", pk=pk)


@desk_view
@require_POST
def preview_link(request, pk):
    story = story_or_404(pk)
    if not (permissions.can_edit(request.user, story) or permissions.is_owner(request.user, story)):
        raise PermissionDenied(_("You may not share this story."))
    url = request.build_absolute_uri(reverse("desk:preview", args=[previews.make_token(story)]))
    messages.success(request, _("Preview link (valid 3 days): %(url)s") % {"url": url})
    return redirect("desk:story-edit", pk=pk)


@desk_view
@require_POST
def revoke_preview_links(request, pk):
    story = story_or_404(pk)
    if not (permissions.can_edit(request.user, story) or permissions.is_owner(request.user, story)):
        raise PermissionDenied(_("You may not withdraw this story's preview links."))
    previews.revoke(story, request.user)
    messages.success(request, _("Every preview link made so far no longer works."))
    return redirect("desk:story-edit", pk=pk)


def shared_preview(request, token):
    """For reviewers without an account: the signed link is the permission."""
    try:
        story = previews.story_for_token(token)
    except previews.PreviewLinkInvalid as error:
        return render(request, "desk/preview_invalid.html", {"message": str(error)}, status=403)
    # The page shows story.people: read them with their bylines in one query.
    story.people = [byline.person for byline in story.byline_set.select_related("person")]
    response = render(
        request,
        "public/story.html",
        {"story": story, "is_preview": True, "more": [], "crumbs": []},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
