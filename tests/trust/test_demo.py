"""The demo shows trust: an event across three agencies, provenance, a correction; and
every page showing them is valid HTML (W3C Nu checker)."""

from newsdesk.trust.demo import build_trust_demo
from newsdesk.wire.models import EventCluster
from tests.htmlcheck import html_problems


def test_demo_event_story_and_correction_on_valid_pages(client, editor, tmp_path):
    assert build_trust_demo().startswith("story ")
    cluster = EventCluster.objects.get(headline="Magnitude 5.6 quake shakes Kerman province")
    assert cluster.agency_count == 3
    story = cluster.members.exclude(story=None).get().story
    pages = {
        "story": story.get_absolute_url(),
        "corrections": "/corrections/",
        "coverage": "/coverage/",
        "record": f"/corrections/story/{story.pk}/",
    }
    rendered = {name: client.get(url).content for name, url in pages.items()}
    html = rendered["story"].decode()
    assert "Based on reports by IRNA and Reuters" in html
    assert "Also reported by:" in html and ">ISNA<" in html
    assert "it is 14." in rendered["corrections"].decode()
    assert "3 agencies" in rendered["coverage"].decode()
    assert html_problems(rendered, tmp_path) == []
    assert build_trust_demo().startswith("skipped")  # run twice, made once
