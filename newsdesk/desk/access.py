"""The desk is for signed-in staff; finer rights are checked by the content services."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from newsdesk.content.models import Story


def desk_view(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_staff and request.user.has_perm("content.view_story")):
            raise PermissionDenied(_("The desk is for newsroom staff."))
        return view(request, *args, **kwargs)

    return wrapper


def story_or_404(pk) -> Story:
    return get_object_or_404(
        Story.objects.select_related("section", "created_by"), pk=pk, deleted_at__isnull=True
    )
