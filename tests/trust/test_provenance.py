"""Each story keeps where it came from: the wire copy it was accepted from and merged with,
or the newsroom's own typing; readers see it in the "About this story" box and in the page's
JSON-LD."""

import json
import re

from newsdesk.content.models import Route, Status
from newsdesk.content.models.provenance import Use
from newsdesk.content.services import corrections, provenance, revisions
from newsdesk.wire.models import ItemKind
from tests.trust.conftest import wire_item


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def article(html: str) -> dict:
    return next(data for data in json_ld(html) if data.get("@type") == "NewsArticle")


def test_accept_and_merge_record_each_copy(sourced_story):
    made, merged = provenance.lineage(sourced_story).origins
    assert (made.route, made.use, made.agency.name) == (Route.FEED, Use.MADE_FROM, "IRNA")
    assert made.url == "https://example.org/irna-1" and made.headline == "Villages reached"
    assert made.published_at is not None and made.ingested_at >= made.published_at
    assert (merged.agency.name, merged.use) == ("ISNA", Use.MERGED)
    assert provenance.lineage(sourced_story).based_on == "Based on reports by IRNA and ISNA"


def test_a_page_imported_by_url_is_recorded_as_such(agencies, editor):
    item = wire_item(agencies["IRNA"], "page-1", "A page", None, kind=ItemKind.PAGE)
    from newsdesk.wire.services import queue

    story = queue.accept(item, editor)
    (origin,) = provenance.lineage(story).origins
    assert origin.route == Route.PAGE and origin.reference == f"wire item {item.pk}"


def test_a_story_written_in_the_desk_says_so(editor, client):
    story = revisions.create_story({"headline": "Our own reporting", "body": "<p>Text</p>"}, editor)
    (origin,) = provenance.lineage(story).origins
    assert origin.route == Route.TYPED and origin.agency is None
    assert provenance.lineage(story).based_on == ""


def test_story_page_shows_the_box_and_json_ld(client, sourced_story, editor):
    corrections.add_note(sourced_story, "correction", "The toll was 212, not 221.", editor)
    html = client.get(sourced_story.get_absolute_url()).content.decode()
    box = html[html.index('<aside class="about-story"') : html.index("</aside>")]
    assert "About this story" in box and "Based on reports by IRNA and ISNA" in box
    assert 'href="https://example.org/irna-1"' in box and "Villages reached" in box
    assert "Correction" in box and f"/corrections/story/{sourced_story.pk}/" in box
    data = article(html)
    assert [work["url"] for work in data["isBasedOn"]] == [
        "https://example.org/irna-1",
        "https://example.org/isna-1",
    ]
    assert [org["name"] for org in data["sourceOrganization"]] == ["IRNA", "ISNA"]
    (note,) = data["correction"]
    assert note == {
        "@type": "CorrectionComment",
        "text": "The toll was 212, not 221.",
        "datePublished": note["datePublished"],
    }


def test_the_story_record_lists_origins_and_notes(client, sourced_story, editor):
    corrections.add_note(sourced_story, "update", "Roads reopened.", editor)
    response = client.get(f"/corrections/story/{sourced_story.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rescuers reach valley" in html and "Roads reopened." in html
    assert "merged in" in html


def test_a_draft_has_no_public_record(client, newsroom):
    draft = newsroom.story("Not yet", status=Status.DRAFT)
    assert client.get(f"/corrections/story/{draft.pk}/").status_code == 404
