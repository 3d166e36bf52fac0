"""What a story's own page shows beyond its card: tags, sources, correction notes, gallery.

Each is read by a prepared query (prepared.py) and kept on the story (rows.prefetched), so
`related_list(story, "tags")` and the like answer without a query. Corrections and gallery
pictures are read only when the story's row says there are some (`has_corrections`,
`has_gallery`, set by `reading`); most stories have neither.
"""

from newsdesk.content.models import Correction, GalleryItem, Image, Source, Story, Tag
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.rows import Columns, prefetched, set_related

TAG = Columns(Tag)
SOURCE = Columns(Source)
CORRECTION = Columns(Correction)
GALLERY_ITEM = Columns(GalleryItem)
GALLERY_IMAGE = Columns(Image, "image")

# Tags then sources, each in its model's order, in one trip: (0, tag columns, NULL) rows,
# then (1, source columns) rows.
_tags_and_sources = Prepared(
    lambda pk: (
        Tag.objects.filter(stories__id=pk).values_list(*TAG.lookups),
        Source.objects.filter(stories__id=pk).values_list(*SOURCE.lookups),
    ),
    wrap="SELECT 0, tags.*, NULL FROM ({0}) AS tags"
    " UNION ALL SELECT 1, sources.* FROM ({1}) AS sources ORDER BY 1, 3",
)
_corrections = Prepared(
    lambda pk: Correction.objects.filter(story_id=pk).values_list(*CORRECTION.lookups)
)
_gallery = Prepared(
    lambda pk: GalleryItem.objects.filter(story_id=pk).values_list(
        *GALLERY_ITEM.lookups, *GALLERY_IMAGE.lookups
    )
)


def attach_tags_and_sources(story: Story) -> None:
    db = story._state.db
    tags, sources = [], []
    for row in _tags_and_sources.rows(db, pk=story.pk):
        if row[0] == 0:
            tags.append(TAG.build(row, 1, db))
        else:
            sources.append(SOURCE.build(row, 1, db))
    prefetched(story, "tags", tags)
    prefetched(story, "sources", sources)


def attach_notes(story: Story) -> None:
    """Corrections and gallery items (with their images), in their models' order."""
    db = story._state.db
    notes = []
    if story.has_corrections:
        notes = [CORRECTION.build(row, 0, db) for row in _corrections.rows(db, pk=story.pk)]
    for note in notes:
        set_related(note, "story", story)
    prefetched(story, "corrections", notes)
    items = []
    if story.has_gallery:
        for row in _gallery.rows(db, pk=story.pk):
            item = GALLERY_ITEM.build(row, 0, db)
            set_related(item, "image", GALLERY_IMAGE.build(row, GALLERY_ITEM.width, db))
            set_related(item, "story", story)
            items.append(item)
    prefetched(story, "gallery_items", items)
