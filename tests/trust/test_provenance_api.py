"""The API and ninjs carry a story's lineage; ninjs stays valid against IPTC's schemas."""

import pytest

from newsdesk.content.services import corrections, revisions
from tests.api.test_ninjs_schema import validate


def test_api_story_has_its_provenance(client, sourced_story, editor):
    corrections.add_note(sourced_story, "correction", "The toll was 212.", editor)
    data = client.get(f"/api/stories/{sourced_story.pk}").json()["provenance"]
    assert data["based_on"] == "Based on reports by IRNA and ISNA"
    assert [(o["agency"]["name"], o["route"], o["use"]) for o in data["origins"]] == [
        ("IRNA", "feed", "made_from"),
        ("ISNA", "feed", "merged"),
    ]
    assert data["origins"][0]["url"] == "https://example.org/irna-1"
    assert [note["text"] for note in data["corrections"]] == ["The toll was 212."]
    assert data["record_url"].endswith(f"/corrections/story/{sourced_story.pk}/")
    assert data["edited_at"] == []  # accepted as it came; an edit is dated:
    revisions.save_story(sourced_story, {"headline": "Edited"}, editor, sourced_story.version)
    edited = client.get(f"/api/stories/{sourced_story.pk}").json()["provenance"]["edited_at"]
    assert len(edited) == 1


@pytest.mark.parametrize("version", ["2.0", "3.1"])
def test_ninjs_carries_lineage_and_stays_valid(client, sourced_story, editor, version):
    corrections.add_note(sourced_story, "correction", "The toll was 212.", editor)
    document = client.get(f"/api/stories/{sourced_story.pk}/ninjs?version={version}").json()
    assert validate(document) == []
    rights = document["rightsinfo" if version == "2.0" else "rightsInfo"]
    assert next(iter(rights.values())).endswith(f"/corrections/story/{sourced_story.pk}/")
    copies = [a for a in document["associations"] if a["name"].startswith("basedon")]
    assert [copy["uri"] for copy in copies] == [
        "https://example.org/irna-1",
        "https://example.org/isna-1",
    ]
    assert {"role": "correction", "value": "The toll was 212."} in document["descriptions"]
