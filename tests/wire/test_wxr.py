"""WordPress WXR import through the real command, database and a local image server."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from bench.wxr_generate import TAIL, attachment_xml, comment_xml, head, post_xml
from newsdesk.content.models import Image, Person, Section, Story, Tag
from newsdesk.wire.models import ImportedComment, OldURL
from tests.builders import jpeg_bytes
from tests.localhttp import Reply

SITE = "https://old.example"
THUMB = (
    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
    "<wp:meta_value>{}</wp:meta_value></wp:postmeta>"
)
GUTENBERG = """<!-- wp:paragraph -->
<p>First <strong>block</strong> paragraph.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":90} -->
<figure class="wp-block-image"><img src="https://old.example/a.jpg" alt="Boats"/></figure>
<!-- /wp:image -->"""
CLASSIC = """Opening line of a classic post.
Second line.

[caption id="c90"]<img src="https://old.example/a.jpg" alt="" /> Boats at dawn[/caption]

[embed]https://video.example/watch?v=1[/embed]

[gallery ids="90,91"]

<script>alert(1)</script>"""


def write_export(path, image_url):
    parts = [
        head(SITE),
        attachment_xml(90, image_url, title="Boats", alt="Boats in the harbour"),
        attachment_xml(91, "http://10.0.0.5/private.jpg"),
        post_xml(
            SITE,
            1,
            title="Published block post",
            slug="published-block-post",
            content=GUTENBERG,
            excerpt="The excerpt",
            sticky=1,
            extra=THUMB.format(90) + comment_xml(501) + comment_xml(502),
        ),
        post_xml(
            SITE,
            2,
            title="Classic post",
            slug="classic-post",
            content=CLASSIC,
            category=("news", "News"),
            author="bob",
        ),
        post_xml(SITE, 3, title="A draft", slug="a-draft", status="draft", content="Draft"),
        post_xml(SITE, 4, title="Pending one", slug="pending-one", status="pending", content="x"),
        post_xml(
            SITE,
            5,
            title="Future one",
            slug="future-one",
            status="future",
            content="x",
            when=datetime(2099, 1, 1, 12, tzinfo=UTC),
        ),
        post_xml(SITE, 6, title="Private one", slug="private-one", status="private", content="x"),
        post_xml(SITE, 7, title="Binned", slug="binned", status="trash", content="x"),
        post_xml(SITE, 8, title="About us", slug="about", type_="page", content="About text"),
        post_xml(SITE, 9, title="Menu", slug="menu", type_="nav_menu_item", content=""),
        TAIL,
    ]
    path.write_text("".join(parts), encoding="utf-8")


@pytest.fixture
def export(tmp_path, local_http, settings, db):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/a.jpg"] = Reply(200, jpeg_bytes(), {"Content-Type": "image/jpeg"})
    path = tmp_path / "export.xml"
    write_export(path, local_http.url("/a.jpg"))
    return path


def run(path, *extra):
    from io import StringIO

    out = StringIO()
    call_command("import_wxr", str(path), "--no-progress", *extra, stdout=out)
    return out.getvalue()


def test_import_maps_everything(export, client):
    output = run(export)
    first = Story.objects.get(headline="Published block post")
    assert first.status == "published" and first.pinned
    assert first.slug == "published-block-post"
    assert first.published_at == datetime(2019, 5, 1, 8, 30, tzinfo=UTC)
    assert first.standfirst == "The excerpt"
    assert "<!--" not in first.body and "<strong>block</strong>" in first.body
    assert first.section.slug == "local-news" and first.section.parent.slug == "news"
    assert [t.slug for t in first.tags.all()] == ["harbour"]
    assert [p.name for p in first.bylines.all()] == ["Anna Writer"]
    image = Image.objects.get()
    assert first.featured_image == image and image.alt_text == "Boats in the harbour"
    assert ImportedComment.objects.filter(story=first).count() == 2

    classic = Story.objects.get(headline="Classic post")
    assert "<p>Opening line of a classic post.<br>Second line.</p>" in classic.body
    assert "<figcaption>Boats at dawn</figcaption>" in classic.body
    assert '<a href="https://video.example/watch?v=1"' in classic.body
    assert image.file.url in classic.body  # gallery: the downloaded picture
    assert "http://10.0.0.5/private.jpg" in classic.body  # gallery: kept URL (not fetched)
    assert "<script" not in classic.body
    assert classic.bylines.get().name == "Bob Editor"

    statuses = dict(Story.objects.values_list("headline", "status"))
    assert statuses["A draft"] == "draft" and statuses["Pending one"] == "review"
    assert statuses["Future one"] == "scheduled" and statuses["Private one"] == "unpublished"
    assert statuses["About us"] == "published"
    assert "Binned" not in statuses and "Menu" not in statuses
    assert "'trash' is not imported" in output and "nav_menu_item" in output
    assert "attachments downloaded" in output and "attachments kept as URL" in output

    # Old addresses answer with permanent redirects.
    response = client.get("/2019/05/01/published-block-post/")
    assert response.status_code == 301 and response["Location"] == first.get_absolute_url()
    response = client.get("/?p=2")
    assert response.status_code == 301 and response["Location"] == classic.get_absolute_url()
    about = Story.objects.get(headline="About us")
    assert client.get("/2019/05/01/about/").status_code == 301  # the page's old link
    assert OldURL.objects.filter(story=about).exists()
    # WordPress archives: categories (by their last slug), authors (by login), with pages.
    response = client.get("/category/news/local-news/")
    assert response.status_code == 301 and response["Location"] == first.section.get_absolute_url()
    response = client.get("/category/news/page/3/")
    assert response["Location"] == first.section.parent.get_absolute_url() + "page/3/"
    bob = classic.bylines.get()
    assert client.get("/author/bob/")["Location"] == bob.get_absolute_url()
    assert client.get("/category/no-such-thing/").status_code == 404


def test_second_run_creates_no_duplicates(export):
    run(export)
    counts = [
        m.objects.count() for m in (Story, Section, Tag, Person, Image, ImportedComment, OldURL)
    ]
    output = run(export)
    assert [
        m.objects.count() for m in (Story, Section, Tag, Person, Image, ImportedComment, OldURL)
    ] == counts
    assert "posts already imported" in output


def test_malformed_xml_reports_line_and_keeps_whole_posts(tmp_path, db):
    path = tmp_path / "broken.xml"
    good = post_xml(SITE, 1, title="Good post", slug="good", content="Fine")
    broken = post_xml(SITE, 2, title="Broken", slug="broken", content="x").replace(
        "</wp:post_name>", "</wp:post_nam>"
    )
    path.write_text(head(SITE) + good + broken + TAIL)
    line = (head(SITE) + good + broken).split("</wp:post_nam>")[0].count("\n") + 1
    with pytest.raises(CommandError, match=f"malformed XML at line {line}"):
        run(path, "--no-download")
    assert list(Story.objects.values_list("headline", flat=True)) == ["Good post"]
    # After the file is fixed, the run carries on without duplicating the first post.
    path.write_text(head(SITE) + good + broken.replace("</wp:post_nam>", "</wp:post_name>") + TAIL)
    run(path, "--no-download")
    assert sorted(Story.objects.values_list("headline", flat=True)) == ["Broken", "Good post"]


def test_entities_and_doctype_refused(tmp_path, db):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        + head(SITE).split("\n", 1)[1]
        + post_xml(SITE, 1, title="&b;", slug="bomb", content="x")
        + TAIL
    )
    with pytest.raises(CommandError, match="entit"):
        run(path, "--no-download")
    external = tmp_path / "xxe.xml"
    external.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + head(SITE).split("\n", 1)[1]
        + TAIL
    )
    with pytest.raises(CommandError, match="entit"):
        run(external, "--no-download")
    assert Story.objects.count() == 0


def test_not_a_wordpress_file(tmp_path, db):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(path)
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.xml")


def test_older_wxr_versions(tmp_path, db):
    for version in ("1.0", "1.1"):
        path = tmp_path / f"v{version}.xml"
        path.write_text(
            head(SITE, version)
            + post_xml(
                SITE, int(version[-1]) + 10, title=f"From {version}", slug="v", content="Body"
            )
            + TAIL
        )
        output = run(path)
        assert f"WXR {version}" in output
    assert Story.objects.filter(headline__startswith="From 1.").count() == 2


def test_full_disk_stops_the_import_clearly_and_a_rerun_carries_on(
    tmp_path, local_http, settings, db
):
    from tests.security.test_full_disk import FullDiskStorage, files_under, use_storage

    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    local_http.routes["/a.jpg"] = Reply(200, jpeg_bytes(400, 300), {"Content-Type": "image/jpeg"})
    path = tmp_path / "export.xml"
    path.write_text(
        head(SITE)
        + post_xml(SITE, 1, title="Before the picture", slug="before", content="x")
        + attachment_xml(90, local_http.url("/a.jpg"), title="Boats")
        + post_xml(SITE, 2, title="After the picture", slug="after", content="y")
        + TAIL
    )
    disk = settings.STORAGES
    use_storage(settings, FullDiskStorage)
    with pytest.raises(CommandError, match="storage is full"):
        run(path)
    assert list(Story.objects.values_list("headline", flat=True)) == ["Before the picture"]
    assert not Image.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []  # no half-written picture left behind

    settings.STORAGES = disk  # space was freed
    run(path)
    assert Image.objects.get().title == "Boats"
    assert Story.objects.count() == 2


def test_stray_latin1_bytes_are_read_as_windows_1252_not_a_stop(tmp_path, db):
    path = tmp_path / "export.xml"
    text = (
        head(SITE)
        + post_xml(SITE, 1, title="Café talks", slug="cafe", content="It’s “quoted”.")
        + post_xml(SITE, 2, title="Second post", slug="second", content="Fine")
        + TAIL
    ).encode()
    # A word processor's Latin-1/Windows-1252 bytes inside an otherwise UTF-8 export.
    path.write_bytes(text.replace("Café".encode(), b"Caf\xe9").replace("’".encode(), b"\x92"))
    output = run(path, "--no-download")
    assert "bytes that were not UTF-8, read as Windows-1252" in output
    assert sorted(Story.objects.values_list("headline", flat=True)) == ["Café talks", "Second post"]
    assert "It’s “quoted”." in Story.objects.get(slug="cafe").body


def test_long_posts_of_multibyte_text_arrive_intact(tmp_path, db):
    body = "Ünïcödé 😀 خبر — " * 20_000  # crosses many read boundaries mid-character
    path = tmp_path / "export.xml"
    path.write_text(head(SITE) + post_xml(SITE, 1, title="Long", slug="long", content=body) + TAIL)
    output = run(path, "--no-download")
    assert "not UTF-8" not in output
    assert body.strip() in Story.objects.get(slug="long").body


def test_imported_posts_show_on_cached_pages_and_archive_counts_add_up(
    tmp_path, db, client, settings, newsroom, django_capture_on_commit_callbacks
):
    from newsdesk.content.models import PageCount, PageMonthCount
    from newsdesk.content.services.pagecounts import rebuild_counts

    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.NEWSDESK_PAGE_SIZE = 3
    newsroom.story("Already on the site")
    assert client.get("/").status_code == 200  # home page now cached
    path = tmp_path / "export.xml"
    posts = [
        post_xml(SITE, n, title=f"Imported {n}", slug=f"imported-{n}", content="x",
                 category=("news", "News"), when=datetime(2024, 3, 1 + n % 5, 9, tzinfo=UTC))
        for n in range(1, 9)
    ]  # fmt: skip
    path.write_text(head(SITE) + "".join(posts) + TAIL)
    with django_capture_on_commit_callbacks(execute=True):  # the import's commits
        run(path, "--no-download")

    counts = {(c.list_key, c.day): c.stories for c in PageCount.objects.exclude(stories=0)}
    months = {(c.list_key, c.month): c.stories for c in PageMonthCount.objects.exclude(stories=0)}
    assert months
    rebuild_counts()
    assert counts == {(c.list_key, c.day): c.stories for c in PageCount.objects.exclude(stories=0)}
    assert months == {
        (c.list_key, c.month): c.stories for c in PageMonthCount.objects.exclude(stories=0)
    }
    assert "Imported 8" in client.get("/").content.decode()  # the cached page was purged
    last = client.get("/blog/page/3/").content.decode()  # 9 stories, 3 a page
    assert "Imported 1" in last and client.get("/blog/page/4/").status_code == 404


def test_wordpress_escaped_titles_names_and_excerpts_become_plain_text(tmp_path, db, client):
    path = tmp_path / "export.xml"
    path.write_text(
        head(SITE)
        + post_xml(
            SITE,
            1,
            title="Rock &amp; Roll&#8217;s night",  # as WordPress stores a typed "&" and "’"
            slug="rock",
            content="<p>Body</p>",
            excerpt="<p>The <b>gist</b> &amp; more</p>",
            category=("news-politics", "News &amp; Politics"),
        )
        + TAIL
    )
    run(path, "--no-download")
    story = Story.objects.get(slug="rock")
    assert story.headline == "Rock & Roll’s night"
    assert story.standfirst == "The gist & more"
    assert story.section.name == "News & Politics"
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Rock &amp; Roll’s night" in page and "&amp;amp;" not in page


def test_page_builder_and_media_shortcodes_leave_clean_text(tmp_path, db):
    content = (
        '[vc_row][vc_column width="1/2"][vc_column_text css=".x{}"]Officials [sic] said '
        "[1] more.\n\nSecond paragraph.[/vc_column_text][/vc_column][/vc_row]\n\n"
        "[et_pb_section][et_pb_text]Divi text[/et_pb_text][/et_pb_section]\n\n"
        '[video width="640" mp4="https://old.example/v.mp4"][/video]\n\n'
        '[contact-form-7 id="5" title="Contact"]'
    )
    path = tmp_path / "export.xml"
    path.write_text(head(SITE) + post_xml(SITE, 1, title="Built", slug="b", content=content) + TAIL)
    run(path, "--no-download")
    body = Story.objects.get(slug="b").body
    assert "<p>Officials [sic] said [1] more.</p>" in body  # brackets in copy stay
    assert "<p>Second paragraph.</p>" in body and "Divi text" in body
    assert 'href="https://old.example/v.mp4"' in body
    for leftover in ("vc_", "et_pb", "contact-form", "[video", "[/video"):
        assert leftover not in body
