"""The editor page's autosave: its unsaved changes kept on the server every few seconds."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.content.services import permissions
from newsdesk.desk import drafts
from newsdesk.desk.access import desk_view, story_or_404


def draft_context(story, user) -> dict:
    """What the editor page needs to offer a kept draft back (None: nothing kept)."""
    draft = drafts.kept(story, user)
    if draft is None:
        return {"kept_draft": None}
    return {
        "kept_draft": {
            "at": draft.saved_at.isoformat(),
            "version": draft.base_version,
            "state": draft.fields,
        },
        "kept_draft_is_behind": story is not None and draft.base_version != story.version,
    }


def _keep(request, story):
    if request.POST.get("discard"):
        drafts.discard(story, request.user)
        return JsonResponse({"kept": False})
    try:
        fields = drafts.parse(request.POST.get("state", ""))
        base_version = int(request.POST.get("version") or 0)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    except ValueError:
        return JsonResponse({"error": _("The draft's version is not a number.")}, status=400)
    draft = drafts.keep(story, request.user, base_version, fields)
    return JsonResponse({"kept": draft is not None})


@desk_view
@require_POST
def story_draft(request, pk):
    story = story_or_404(pk)
    if not permissions.can_edit(request.user, story):
        raise PermissionDenied("You may not edit this story.")
    return _keep(request, story)


@desk_view
@require_POST
def new_story_draft(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("You may not write stories.")
    return _keep(request, None)
