"""A story on the demo's desk already made from agency copy and updated from a second
agency's version, so the editor shows the newest copy beside the story with the words the
story keeps marked, as it looks mid-shift."""

from newsdesk.wire.models import ItemStatus, WireItem
from newsdesk.wire.services import queue


def story_with_an_update() -> int:
    """Accept the older of one near-duplicate pair as a draft and add the newer to it as an
    update. Returns the number of stories made (0 when the queue has no pair)."""
    grouped = WireItem.objects.filter(status=ItemStatus.NEW, group__isnull=False)
    pair = grouped.order_by("group_id", "fetched_at", "id").first()
    if pair is None:
        return 0
    update = grouped.filter(group_id=pair.group_id).exclude(pk=pair.pk).first()
    story = queue.accept(pair)
    if update is not None:
        queue.merge(update, story)
    return 1
