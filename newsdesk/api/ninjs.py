"""A story as IPTC ninjs 2.0 (News in JSON), for agencies' and partners' systems.
Schema: https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"""

import mimetypes

from django.conf import settings

from newsdesk.content.body_links import absolute_body
from newsdesk.content.models import LIVE_STATUSES, Story
from newsdesk.content.services.rows import related_list
from newsdesk.content.text import plain_text

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "2.0",
    "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
}


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
        "representationtype": "complete",
        "renditions": [rendition],
    }
    if image.alt_text:
        picture["descriptions"] = [{"role": "alt", "value": image.alt_text}]
    if story.caption:
        picture.setdefault("descriptions", []).append({"role": "caption", "value": story.caption})
    if image.credit:
        picture["by"] = image.credit
    return picture


def story_as_ninjs(request, story: Story) -> dict:
    url = request.build_absolute_uri(story.get_absolute_url())
    text = plain_text(story.body)
    item = {
        "standard": NINJS_STANDARD,
        "uri": url,
        "type": "text",
        "representationtype": "complete",
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
    if story.featured_image:
        item["associations"] = [_picture(request, story)]
    return item
