from newsdesk.content.models.galleries import GalleryItem, Rendition
from newsdesk.content.models.media import Image
from newsdesk.content.models.pagecount import PageCount, PageMonthCount
from newsdesk.content.models.people import Person
from newsdesk.content.models.provenance import Route, StoryOrigin
from newsdesk.content.models.story import LIVE_STATUSES, Byline, Kind, Status, Story
from newsdesk.content.models.taxonomy import Section, Source, Tag
from newsdesk.content.models.workflow import Correction, EditPresence, Revision, StoryEvent

__all__ = [
    "LIVE_STATUSES",
    "Byline",
    "Correction",
    "EditPresence",
    "GalleryItem",
    "Image",
    "Kind",
    "PageCount",
    "PageMonthCount",
    "Person",
    "Rendition",
    "Revision",
    "Route",
    "Section",
    "Source",
    "Status",
    "Story",
    "StoryEvent",
    "StoryOrigin",
    "Tag",
]
