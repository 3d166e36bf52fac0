"""Actions on many stories at once from the story list. Each story goes through the same
workflow and save services as one edited alone; what a story refuses is reported by name,
and the others still go through."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from newsdesk.content.models import Status
from newsdesk.content.services import permissions, revisions, trash, workflow
from newsdesk.desk.access import desk_view
from newsdesk.desk.forms import BulkActionForm

REFUSALS = (PermissionDenied, ValidationError, revisions.EditConflict, trash.RestoreExpired)
# What the desk says after a bulk action, in the plural form the count of stories asks for.
DONE = {
    "section": ngettext_lazy(
        "%(count)d story moved to %(section)s.", "%(count)d stories moved to %(section)s.", "count"
    ),
    "unpublish": ngettext_lazy(
        "%(count)d story unpublished.", "%(count)d stories unpublished.", "count"
    ),
    "trash": ngettext_lazy(
        "%(count)d story moved to the trash.", "%(count)d stories moved to the trash.", "count"
    ),
    "restore": ngettext_lazy(
        "%(count)d story restored from the trash.",
        "%(count)d stories restored from the trash.",
        "count",
    ),
}


def _apply(action, story, user, section):
    if action == "section":
        if not permissions.can_edit(user, story):
            raise PermissionDenied("you may not edit it")
        revisions.save_story(
            story, {"section": section}, user, story.version, note=f"Moved to {section}"
        )
    elif action == "unpublish":
        workflow.transition(story, Status.UNPUBLISHED, user)
    elif action == "trash":
        if story.deleted_at is None:
            workflow.trash(story, user)
    elif action == "restore":
        if not permissions.can_delete(user, story):
            raise PermissionDenied("you may not restore stories")
        trash.restore(story, user)


@desk_view
@require_POST
def bulk_action(request):
    form = BulkActionForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back or "desk:story-list")
    action, section = form.cleaned_data["action"], form.cleaned_data["section"]
    done, refused = [], []
    for story in form.cleaned_data["stories"].select_related("section", "created_by"):
        try:
            _apply(action, story, request.user, section)
        except REFUSALS as error:
            reason = "; ".join(getattr(error, "messages", None) or [str(error)])
            refused.append(f"“{story.headline}”: {reason}")
        else:
            done.append(story)
    if done:
        text = DONE[action] % {"count": len(done), "section": section}
        messages.success(request, text)
    for line in refused:
        messages.error(request, _("Not changed: %(reason)s") % {"reason": line})
    return redirect(back or "desk:story-list")
