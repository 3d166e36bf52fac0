"""Trust's subscriber to the change pipeline: the corrections pages show notes with their
stories' headlines, so they are purged whenever a story readers see or saw changes (a note
added, an edit, the story leaving or coming back). Two small files re-rendered now and
then cost less than asking the database on every change whether the story has notes."""

from newsdesk.content import changes
from newsdesk.pagecache import store
from newsdesk.trust import corrections


def on_change(change) -> None:
    if not store.enabled() or not isinstance(change, changes.StoryChange):
        return  # names and bulk changes purge every page already (pagecache.purge)
    if change.kind == changes.CREATED or not (change.was_live or change.is_live):
        return
    store.purge_keys([corrections.CACHE_KEY])
