"""A story as IPTC ninjs (News in JSON), for agencies' and partners' systems: 2.0 (the
default) or 3.1, each valid against IPTC's schema of the version it declares
(https://www.iptc.org/std/ninjs/ninjs-schema_<version>.json).

3.0 renamed the properties to camelCase (`versioncreated` → `versionCreated`, a rendition's
`mimetype` → `contentType`); the item is built once and renamed for 3.x."""

import mimetypes

from django.conf import settings

from newsdesk.api.ninjs_provenance import provenance_fields
from newsdesk.content.body_links import absolute_body
from newsdesk.content.models import LIVE_STATUSES, Story
from newsdesk.content.services import provenance
from newsdesk.content.services.rows import related_list
from newsdesk.content.text import plain_text

VERSIONS = ("2.0", "3.1")
DEFAULT_VERSION = "2.0"


def standard(version: str) -> dict:
    return {
        "name": "ninjs",
        "version": version,
        "schema": f"https://www.iptc.org/std/ninjs/ninjs-schema_{version}.json",
    }


# ninjs 2.x name → 3.x name, for every property this module writes.
NAMES_3 = {
    "representationtype": "representationType",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "contentcreated": "contentCreated",
    "pubstatus": "pubStatus",
    "copyrightholder": "copyrightHolder",
    "infosources": "infoSources",
    "contenttype": "contentType",
    "charcount": "charCount",
    "wordcount": "wordCount",
    "mimetype": "contentType",
    "rightsinfo": "rightsInfo",
    "linkedrights": "linkedRights",
    "trustindicators": "trustIndicators",
}


def _renamed_for_3(value):
    if isinstance(value, dict):
        return {NAMES_3.get(key, key): _renamed_for_3(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_renamed_for_3(inner) for inner in value]
    return value


def _pubstatus(story: Story) -> str:
    if story.is_live:
        return "usable"
    if story.status in LIVE_STATUSES:  # scheduled, not yet out
        return "withheld"
    return "canceled" if story.status == "unpublished" else "withheld"


def _picture(request, story: Story) -> dict:
    image = story.featured_image
    href = request.build_absolute_uri(image.file.url)
    rendition = {
        "name": "original",
        "href": href,
        "mimetype": mimetypes.guess_type(image.file.name)[0] or "application/octet-stream",
    }
    if image.width and image.height:
        rendition.update(width=image.width, height=image.height)
    picture = {
        "name": "featureimage",
        "uri": href,
        "type": "picture",
        "representationtype": "full",
        "renditions": [rendition],
    }
    if image.alt_text:
        picture["descriptions"] = [{"role": "alt", "value": image.alt_text}]
    if story.caption:
        picture.setdefault("descriptions", []).append({"role": "caption", "value": story.caption})
    if image.credit:
        picture["by"] = image.credit
    return picture


def story_as_ninjs(request, story: Story, version: str = DEFAULT_VERSION) -> dict:
    url = request.build_absolute_uri(story.get_absolute_url())
    text = plain_text(story.body)
    item = {
        "standard": standard(version),
        "uri": url,
        "type": "text",
        "representationtype": "full",
        "version": str(story.version),
        "firstcreated": story.created_at.isoformat(),
        "versioncreated": story.updated_at.isoformat(),
        "pubstatus": _pubstatus(story),
        "language": story.language,
        "slugline": story.slug,
        "copyrightholder": settings.NEWSDESK_SITE_NAME,
        "headlines": [{"role": "main", "value": story.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(text),
                "wordcount": len(text.split()),
                "value": absolute_body(story.body, url),
            }
        ],
    }
    if story.published_at:
        item["contentcreated"] = story.published_at.isoformat()
    if story.standfirst:
        item["descriptions"] = [{"role": "summary", "value": story.standfirst}]
    names = [person.name for person in story.people]
    if names:
        item["by"] = ", ".join(names)
        item["people"] = [
            {
                "name": person.name,
                "rel": "author",
                "uri": request.build_absolute_uri(person.get_absolute_url()),
            }
            for person in story.people
        ]
    subjects = [
        {"name": tag.name, "uri": request.build_absolute_uri(tag.get_absolute_url())}
        for tag in related_list(story, "tags")
    ]
    if story.section:
        subjects.insert(
            0,
            {
                "name": story.section.name,
                "rel": "section",
                "uri": request.build_absolute_uri(story.section.get_absolute_url()),
            },
        )
    if subjects:
        item["subjects"] = subjects
    sources = [
        {"name": source.name, **({"uri": source.url} if source.url else {})}
        for source in related_list(story, "sources")
    ]
    if sources:
        item["infosources"] = sources
    lineage = provenance.lineage(story)
    for name, value in provenance_fields(request, lineage).items():
        item[name] = [*item[name], *value] if isinstance(value, list) and name in item else value
    if story.featured_image:
        item["associations"] = [_picture(request, story), *item.get("associations", [])]
    if version.startswith("3."):
        item = _renamed_for_3(item)
        item["standard"] = standard(version)  # its own keys are the same in every version
    return item
