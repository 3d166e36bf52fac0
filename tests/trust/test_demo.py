"""The demo shows trust: an event across three agencies, provenance, a correction."""

from newsdesk.trust.demo import build_trust_demo
from newsdesk.wire.models import EventCluster


def test_demo_event_story_and_correction(client, editor):
    assert build_trust_demo().startswith("story ")
    cluster = EventCluster.objects.get(headline="Magnitude 5.6 quake shakes Kerman province")
    assert cluster.agency_count == 3
    story = cluster.members.exclude(story=None).get().story
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Based on reports by IRNA and Reuters" in html
    assert "Also reported by:" in html and ">ISNA<" in html
    assert "it is 14." in client.get("/corrections/").content.decode()
    assert "3 agencies" in client.get("/coverage/").content.decode()
    assert build_trust_demo().startswith("skipped")  # run twice, made once
