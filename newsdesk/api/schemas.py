"""What the content API sends and accepts. Output URLs are absolute (built from the request)
so a headless front end or aggregator can follow them as they are."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, field_validator

from newsdesk.api.provenance_schemas import ProvenanceOut
from newsdesk.content.body_links import absolute_body
from newsdesk.content.models import Kind
from newsdesk.content.services import provenance
from newsdesk.content.services.rows import related_list
from newsdesk.content.web_links import is_web_url


def _storable_text(text: str) -> None:
    """Databases store UTF-8 without NUL: say what is wrong instead of failing there."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # JSON may escape a lone surrogate ("\\ud800"); no UTF-8 text can hold one.
        raise ValueError("must not contain unpaired surrogate characters") from None


def _no_nul(value):
    """Text fields (and lists of text) must be storable: no NUL, no lone surrogates."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            _storable_text(item)
    return value


def _web_url_or_empty(value):
    """Links readers may click: http(s) only (a javascript: link would run on click)."""
    if value and not is_web_url(value):
        raise ValueError("must be an http:// or https:// address")
    return value.strip() if value else value


WebURL = Annotated[str, AfterValidator(_web_url_or_empty)]


def _absolute(context, path: str) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request else path


class ErrorOut(Schema):
    detail: str | list


class SectionOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    parent_id: int | None
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())


class TagOut(Schema):
    id: int
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())


class PersonOut(Schema):
    id: int
    name: str
    slug: str
    role: str
    bio: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())


class SourceOut(Schema):
    id: int
    name: str
    slug: str
    url: str = Field(description="The agency's own web site (may be empty).")


class ImageOut(Schema):
    id: int
    url: str
    width: int
    height: int
    alt_text: str
    caption: str
    credit: str

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.file.url)


class StorySummaryOut(Schema):
    id: int
    headline: str
    slug: str
    summary: str
    kind: str
    language: str
    status: str
    published_at: datetime | None
    updated_at: datetime
    updated: bool = Field(description="True when the story changed after publication.")
    url: str
    section: SectionOut | None
    featured_image: ImageOut | None
    bylines: list[PersonOut]

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_updated(obj):
        return obj.was_updated

    @staticmethod
    def resolve_bylines(obj):
        return obj.people


class StoryOut(StorySummaryOut):
    standfirst: str
    body: str = Field(description="Sanitized HTML; its links and picture URLs absolute.")
    tags: list[TagOut]
    sources: list[SourceOut]
    source_url: str
    caption: str
    version: int = Field(description="Changes with every saved edit; the ETag.")
    provenance: ProvenanceOut = Field(description="Where the story came from, its notes.")

    @staticmethod
    def resolve_provenance(obj):
        return provenance.lineage(obj)

    @staticmethod
    def resolve_body(obj, context):
        # Links and pictures made absolute: a client shows the body away from the site.
        return absolute_body(obj.body, _absolute(context, obj.get_absolute_url()))

    @staticmethod
    def resolve_tags(obj):
        return related_list(obj, "tags")

    @staticmethod
    def resolve_sources(obj):
        return related_list(obj, "sources")


class StoryPageOut(Schema):
    items: list[StorySummaryOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The next page's URL, or null on the last page.")


class InputSchema(Schema):
    """What clients send: every text field is refused if it holds NUL (see _no_nul)."""

    @field_validator("*", mode="before")
    @classmethod
    def refuse_nul(cls, value):
        return _no_nul(value)


class StoryIn(InputSchema):
    """A new story. References are by slug (section, tags, bylines, sources) or id (image)."""

    headline: str = Field(min_length=1, max_length=300)
    standfirst: str = ""
    body: str = Field("", description="HTML; sanitized on save.")
    kind: Kind = Kind.ARTICLE
    language: str = Field("", max_length=16, description="Defaults to the site's language.")
    section: str | None = Field(None, description="Section slug.")
    tags: list[str] = Field(default_factory=list, description="Tag slugs.")
    bylines: list[str] = Field(default_factory=list, description="Person slugs, in order.")
    sources: list[str] = Field(default_factory=list, description="Source slugs.")
    source_url: WebURL = Field("", max_length=1000)
    featured_image: int | None = Field(None, description="Image id (see POST /images).")
    featured_caption: str = ""

    @field_validator("headline")
    @classmethod
    def headline_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class StoryPatch(InputSchema):
    """Changes to a story: only the fields sent are changed."""

    headline: str | None = Field(None, min_length=1, max_length=300)
    standfirst: str | None = None
    body: str | None = None
    kind: Kind | None = None
    language: str | None = Field(None, max_length=16)
    section: str | None = None
    tags: list[str] | None = None
    bylines: list[str] | None = None
    sources: list[str] | None = None
    source_url: WebURL | None = Field(None, max_length=1000)
    featured_image: int | None = None
    featured_caption: str | None = None
    version: int | None = Field(
        None, description="The version you read (409 if it changed since); or If-Match."
    )

    @field_validator("headline")
    @classmethod
    def headline_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value.strip() if value else value


class TransitionIn(InputSchema):
    to: str = Field(description="draft, review, published or unpublished.")
    at: datetime | None = Field(None, description="With `published`: schedule for this time.")
    note: str = ""
