"""Find a story by its number or words of its headline: suggestions where an editor names
an existing story (the wire queue's "add to a story as an update")."""

from django.http import JsonResponse

from newsdesk.content.models import Story
from newsdesk.desk.access import desk_view
from newsdesk.desk.story_list_query import filtered_stories

LIMIT = 10


@desk_view
def story_find(request):
    q = request.GET.get("q", "").strip().lstrip("#")
    rows = Story.objects.none()
    if q.isdigit():
        rows = Story.objects.filter(pk=int(q), deleted_at__isnull=True)
    elif len(q) >= 2:
        # The story list's own search (the full-text index), so it stays fast at any size
        # and shows only what this user may see there.
        rows, _ = filtered_stories(request.user, {"q": q})
    found = rows.order_by("-updated_at", "-pk").only("pk", "headline", "status")[:LIMIT]
    return JsonResponse(
        {
            "stories": [
                {"id": s.pk, "headline": s.headline, "state": s.get_status_display()} for s in found
            ]
        }
    )
