"""Trust's subscriber to the change pipeline: the corrections pages show a story's notes
and headline, so they are purged when a story that has notes changes on the site (a note
added, an edit, the story leaving or coming back). One indexed query per change of a
story readers see or saw."""

from newsdesk.content import changes
from newsdesk.content.models import Correction
from newsdesk.pagecache import store
from newsdesk.trust import corrections


def on_change(change) -> None:
    if not store.enabled() or not isinstance(change, changes.StoryChange):
        return  # names and bulk changes purge every page already (pagecache.purge)
    if change.kind == changes.CREATED or not (change.was_live or change.is_live):
        return
    if Correction.objects.filter(story_id=change.story.pk).exists():
        store.purge_keys([corrections.CACHE_KEY])
