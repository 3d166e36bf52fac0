"""A post imported from a WordPress export keeps where it came from."""

from datetime import UTC, datetime

from bench.wxr_generate import TAIL, head, post_xml
from newsdesk.content.models import Route, Story
from newsdesk.content.services import provenance
from tests.wire.test_wxr import run


def test_wordpress_post_records_its_old_address_and_time(tmp_path, db):
    path = tmp_path / "export.xml"
    post = post_xml("https://old.example", 7, title="Harbour reopens", slug="harbour-reopens")
    path.write_text(head("https://old.example") + post + TAIL, encoding="utf-8")
    run(path)
    story = Story.objects.get(headline="Harbour reopens")
    (origin,) = provenance.lineage(story).origins
    assert origin.route == Route.WXR and origin.agency is None
    assert origin.url.startswith("https://old.example/") and "harbour-reopens" in origin.url
    assert origin.published_at == datetime(2019, 5, 1, 8, 30, tzinfo=UTC)
    assert origin.reference.endswith("post 7")
