"""A story's lineage in the content API: the copy it was made from, its public
corrections and updates, when it was edited (times only: who edited is the newsroom's
business), and the page readers see all of it on."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema


class AgencyOut(Schema):
    id: int
    name: str
    slug: str
    url: str


class OriginOut(Schema):
    route: str = Field(description="feed, page, ninjs, wxr or typed (written in the newsroom).")
    use: str = Field(description="made_from, or merged (credited after the story was made).")
    agency: AgencyOut | None
    url: str = Field(description="The original's address (may be empty).")
    headline: str
    published_at: datetime | None = Field(description="The original's own time.")
    ingested_at: datetime


class NoteOut(Schema):
    kind: str = Field(description="correction or update.")
    text: str
    created_at: datetime


class ProvenanceOut(Schema):
    based_on: str = Field(description='e.g. "Based on reports by IRNA and ISNA"; may be empty.')
    origins: list[OriginOut]
    corrections: list[NoteOut]
    edited_at: list[datetime] = Field(description="When the story was saved, oldest first.")
    record_url: str = Field(description="The public page of its corrections and origins.")

    @staticmethod
    def resolve_origins(obj):
        return obj.origins

    @staticmethod
    def resolve_edited_at(obj):
        return obj.edits

    @staticmethod
    def resolve_record_url(obj, context):
        path = reverse("trust:story-log", args=[obj.story.pk])
        request = (context or {}).get("request")
        return request.build_absolute_uri(path) if request else path
