"""A WordPress.com export as WordPress writes it (https namespaces, comments and pingbacks,
attachments, drafts, scheduled and password-protected posts, menus, custom post types),
imported through the real command and database: every record is accounted for."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from newsdesk.api.models import WebhookDelivery, WebhookEndpoint
from newsdesk.audit.models import AuditEvent
from newsdesk.content.models import Image, Revision, Section, Status, Story, StoryEvent, Tag
from newsdesk.wire.models import ImportedComment
from newsdesk.wire.services.wxr import import_wxr
from tests.builders import jpeg_bytes
from tests.localhttp import Reply

FIXTURE = Path(__file__).parent / "fixtures" / "wordpress_com_export.xml"
WP = "{https://wordpress.org/export/1.2/}"
PICTURE = "https://harbourgazette.files.wordpress.com/2024/03/quay-night.jpg"


@pytest.fixture
def export(tmp_path, local_http, settings):
    """The export, its attachment served by a local server (so a fetch would be seen)."""
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/quay-night.jpg"] = Reply(200, jpeg_bytes(), {"Content-Type": "image/jpeg"})
    path = tmp_path / "harbourgazette.wordpress.2024-03-20.001.xml"
    path.write_text(
        FIXTURE.read_text().replace(PICTURE, local_http.url("/quay-night.jpg")), encoding="utf-8"
    )
    return path


def run(path, *extra) -> str:
    out = StringIO()
    call_command("import_wxr", str(path), "--no-progress", *extra, stdout=out)
    return out.getvalue()


def in_file():
    """What the export holds, counted straight from the XML."""
    channel = etree.parse(str(FIXTURE)).getroot().find("channel")
    items = channel.findall("item")
    kinds = [item.findtext(f"{WP}post_type") for item in items]
    return {
        "authors": len(channel.findall(f"{WP}author")),
        "categories": len(channel.findall(f"{WP}category")),
        "tags": len(channel.findall(f"{WP}tag")),
        "terms": len(channel.findall(f"{WP}term")),
        "items": len(items),
        "kinds": kinds,
        "comments": sum(len(item.findall(f"{WP}comment")) for item in items),
    }


def test_every_record_of_a_wordpress_com_export_is_accounted_for(export, db):
    report = import_wxr(export, download=False)
    held = in_file()
    counts = report.counts
    assert report.version == "1.2"
    assert counts["authors"] == held["authors"] == 2
    assert counts["categories"] == held["categories"] == 3
    assert counts["tags"] == held["tags"] == 2
    assert counts["terms skipped"] == held["terms"] == 2
    items = sum(
        n
        for key, n in counts.items()
        if key.split(" ")[0] in ("posts", "pages", "attachments")
        or (key.endswith(" skipped") and key != "terms skipped")
    )
    assert items == held["items"] == 9
    assert counts["posts created"] == 4 and counts["pages created"] == 1
    assert counts["attachments kept as URL"] == 1
    comments = counts["comments created"] + counts["comments skipped with their post"]
    assert comments == held["comments"] == 4
    assert ImportedComment.objects.count() == counts["comments created"] == 3

    reasons = {(kind, foreign_id): why for kind, foreign_id, _title, why in report.skipped}
    assert reasons == {
        ("term", "photo-essays"): "'jetpack-portfolio-type' terms are not imported",
        ("term", "primary"): "navigation menus are not imported",
        ("jetpack-portfolio", "1199"): "post type 'jetpack-portfolio' is not imported",
        ("nav_menu_item", "1011"): "navigation menu items are not imported",
        ("post", "1100"): "status 'trash' is not imported",
    }
    assert [(kind, foreign_id) for kind, foreign_id, *_ in report.held] == [("post", "1188")]


def test_what_each_post_becomes(export, db, client):
    import_wxr(export, download=False)
    statuses = dict(Story.objects.values_list("headline", "status"))
    assert statuses == {
        "Winter timetable: the last ferry leaves at 21:40 from Monday": Status.PUBLISHED,
        "Council to vote on the fish market roof": Status.DRAFT,
        "Regatta weekend: road closures around the marina": Status.SCHEDULED,
        "Minutes of the harbour board, February": Status.UNPUBLISHED,
        "About the Gazette": Status.PUBLISHED,
    }
    scheduled = Story.objects.get(status=Status.SCHEDULED)
    assert scheduled.published_at == datetime(2099, 6, 14, 5, tzinfo=UTC)
    protected = Story.objects.get(status=Status.UNPUBLISHED)
    assert protected.slug == "harbour-board-minutes-february"
    draft = Story.objects.get(status=Status.DRAFT)  # no slug in WordPress yet
    assert draft.slug == "council-to-vote-on-the-fish-market-roof"
    assert client.get(protected.get_absolute_url()).status_code == 404
    story = Story.objects.get(status=Status.PUBLISHED, section__slug="ferries")
    assert story.section.parent.name == "Harbour & Shipping"
    assert sorted(story.tags.values_list("slug", flat=True)) == ["council", "winter-timetable"]
    assert "<li>Morning sailings are unchanged</li>" in story.body
    # Block content is HTML already: its blank lines make no paragraphs, inside a list too.
    assert "<li>The 22:40 sailing runs on Fridays only</li>\n</ul>" in story.body
    assert "<p><li>" not in story.body and "<br>" not in story.body


def test_no_download_fetches_nothing_and_a_download_run_fetches_the_picture(export, db, local_http):
    output = run(export, "--no-download")
    assert local_http.requests == []
    assert "attachments kept as URL" in output and "downloaded" not in output

    other = export.with_name("second-site.xml")
    other.write_text(
        export.read_text().replace("harbourgazette.wordpress.com<", "second.example<"),
        encoding="utf-8",
    )
    output = run(other)
    assert [path for _, path, *_ in local_http.requests] == ["/quay-night.jpg"]
    assert "attachments downloaded" in output


def test_a_reimport_still_says_what_was_skipped_and_why(export, db):
    run(export, "--no-download")
    again = run(export, "--no-download")
    assert "posts already imported" in again and "comments already imported" in again
    assert "Skipped 5 item(s)" in again
    for line in (
        "nav_menu_item 1011 'Home': navigation menu items are not imported",
        "jetpack-portfolio 1199 'Nets and floats at dawn': post type 'jetpack-portfolio' is "
        "not imported",
        "post 1100 'Old ferry prices': status 'trash' is not imported",
        "term primary 'Primary': navigation menus are not imported",
    ):
        assert line in again
    assert "post 1188 'Minutes of the harbour board, February': password-protected" in again
    assert Story.objects.count() == 5


def test_imported_live_stories_look_like_any_published_story(
    export, db, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(
        url="https://hooks.example/newsdesk", events=["story.published"], secret="s"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = import_wxr(export, download=False)
    live = Story.objects.filter(status=Status.PUBLISHED)
    assert live.count() == 2 == report.counts["stories announced as published"]
    for story in Story.objects.all():
        revision = Revision.objects.get(story=story)
        assert revision.version == 1 and revision.fields["headline"] == story.headline
        assert revision.note == "Imported from WordPress"
        event = StoryEvent.objects.get(story=story)
        assert event.note == "imported from WordPress" and event.to_status == story.status
    announced = WebhookDelivery.objects.filter(event="story.published")
    assert sorted(d.payload["story"]["id"] for d in announced) == sorted(s.pk for s in live)
    audited = AuditEvent.objects.filter(action="published").values_list("object_id", flat=True)
    assert sorted(audited) == sorted(str(s.pk) for s in live)

    with django_capture_on_commit_callbacks(execute=True):
        import_wxr(export, download=False)  # nothing new: nothing announced again
    assert WebhookDelivery.objects.filter(event="story.published").count() == 2


@pytest.mark.parametrize(
    "namespace",
    [
        "https://wordpress.org/export/1.2/",
        "https://wordpress.org/export/1.1/",
        "http://wordpress.org/export/1.0/",
    ],
)
def test_every_namespace_wordpress_has_written_is_read(tmp_path, db, namespace):
    version = namespace.rstrip("/").rsplit("/", 1)[-1]
    text = FIXTURE.read_text().replace("https://wordpress.org/export/1.2/", namespace)
    text = text.replace('xmlns:wp="', "xmlns:wp = '").replace(
        f'{namespace}"\n>', f"{namespace}'\n>"
    )
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    report = import_wxr(path, download=False)
    assert report.version == version
    assert report.counts["posts created"] == 4
    story = Story.objects.get(status=Status.PUBLISHED, section__slug="ferries")
    assert story.standfirst == "The last sailing moves an hour earlier."  # the excerpt


def test_an_unknown_wxr_version_is_named(tmp_path, db):
    path = tmp_path / "export.xml"
    path.write_text(FIXTURE.read_text().replace("export/1.2/", "export/1.3/"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"WXR version '1.3' is not one this importer reads"):
        run(path, "--no-download")


def test_categories_and_tags_written_as_generic_terms_are_imported(tmp_path, db):
    term = (
        "<wp:term><wp:term_id>5</wp:term_id><wp:term_taxonomy>{}</wp:term_taxonomy>"
        "<wp:term_slug><![CDATA[{}]]></wp:term_slug><wp:term_parent><![CDATA[harbour]]>"
        "</wp:term_parent><wp:term_name><![CDATA[{}]]></wp:term_name></wp:term>\n"
    )
    extra = term.format("category", "fish-market", "Fish market") + term.format(
        "post_tag", "roof", "Roof"
    )
    path = tmp_path / "export.xml"
    path.write_text(
        FIXTURE.read_text().replace("\t<generator>", extra + "\t<generator>"), encoding="utf-8"
    )
    report = import_wxr(path, download=False)
    assert report.counts["categories"] == 4 and report.counts["tags"] == 3
    assert Section.objects.get(slug="fish-market").parent.slug == "harbour"
    assert Tag.objects.filter(slug="roof", name="Roof").exists()


def test_pictures_not_downloaded_are_listed_with_the_reason(tmp_path, local_http, settings, db):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/gone.jpg"] = Reply(404, b"missing", {"Content-Type": "text/plain"})
    local_http.routes["/page.jpg"] = Reply(200, b"<html></html>", {"Content-Type": "image/jpeg"})
    text = FIXTURE.read_text()
    item = text[text.index("\t<item>") : text.index("</item>") + len("</item>\n")]
    second = item.replace("<wp:post_id>301<", "<wp:post_id>302<").replace(PICTURE, "/page.jpg")
    path = tmp_path / "export.xml"
    path.write_text(
        text.replace(
            item,
            item.replace(PICTURE, local_http.url("/gone.jpg"))
            + second.replace("/page.jpg", local_http.url("/page.jpg")),
        ),
        encoding="utf-8",
    )
    output = run(path)
    assert "attachment 301 'quay-night': kept as URL: download failed: HTTP 404" in output
    assert "attachment 302 'quay-night': kept as URL: not a picture Newsdesk can read" in output
    assert not Image.objects.exists() and Story.objects.count() == 5
