"""A publish from the desk, followed through the change pipeline: one change, each
subscriber run once (page purges, index writes, webhook deliveries, audit entries), within
a budget of SQL queries; a renamed section purges the pages that show its old name."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.api.models import WebhookDelivery, WebhookEndpoint
from newsdesk.audit.models import AuditEvent
from newsdesk.content.models import PageCount, PageMonthCount, Status
from newsdesk.content.services import pagecounts, trash, workflow
from newsdesk.pagecache import store

# The whole publish: the desk request and everything after commit, plus the one job the
# worker's subscribers share (related stories, event clusters, the claims ledger), however
# many they are. The story's lists are read once, from the row the publish locked: neither
# the page counts nor the page cache read them again.
PUBLISH_QUERY_BUDGET = 26
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT")


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def purges(monkeypatch):
    """Each call of the page cache's purge entry points (a spy: they still run)."""
    calls = []
    for name in ("purge_keys", "purge_list_from", "purge_all"):
        real = getattr(store, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls.append((_name, args))
            return _real(*args, **kwargs)

        monkeypatch.setattr(store, name, spy)
    return calls


def index_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith("INSERT INTO NEWSDESK_SEARCH_")
    ]


def test_a_desk_publish_runs_each_subscriber_once_within_the_query_budget(
    client, editor, newsroom, page_cache, purges, heard_changes, django_capture_on_commit_callbacks
):
    section, tag, person = newsroom.section("World"), newsroom.tag("Talks"), newsroom.person()
    older = [
        newsroom.story(
            f"Older {i}",
            section=section,
            tags=[tag],
            bylines=[person],
            published_at=timezone.now() - timedelta(minutes=i),
        )
        for i in range(1, 4)
    ]
    story = newsroom.story(
        "Ceasefire agreed", section=section, status=Status.DRAFT, tags=[tag], bylines=[person]
    )
    WebhookEndpoint.objects.create(
        url="https://hooks.example.org/in", events=["story.published"], secret="s" * 32
    )
    assert client.get("/").status_code == 200  # a reader caches the home page
    assert older and store.find("/") is not None
    client.force_login(editor)

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("desk:story-transition", args=[story.pk]), {"to_state": "published"}
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED

    assert [(c.kind, c.reader_event) for c in heard_changes] == [("published", "published")]
    # The story's pages purged once; the corrections pages' own key once (trust).
    key_purges = [set(args[0]) for name, args in purges if name == "purge_keys"]
    assert sum(f"story-{story.pk}" in keys for keys in key_purges) == 1
    assert key_purges.count({"corrections"}) == 1 and len(key_purges) == 2
    assert store.find("/") is None
    assert len(index_writes(queries.captured_queries)) == 1
    assert WebhookDelivery.objects.filter(event="story.published").count() == 1
    assert AuditEvent.objects.filter(action="published").count() == 1
    # Savepoints stand for the request's own BEGIN and COMMIT here (the test runs inside
    # a transaction); they are not counted.
    statements = [
        q["sql"] for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)
    ]
    assert len(statements) <= PUBLISH_QUERY_BUDGET, "\n".join(sql[:150] for sql in statements)


def test_renaming_a_section_purges_the_pages_showing_the_old_name(
    client, editor, newsroom, page_cache, django_capture_on_commit_callbacks
):
    section = newsroom.section("Weather")
    story = newsroom.story("Snow closes the passes", section=section)
    for path in ("/", story.get_absolute_url()):
        assert "Weather" in client.get(path).content.decode()
        assert store.find(path) is not None
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/content/section/{section.pk}/change/",
            {"name": "Climate", "slug": section.slug, "order": 0, "show_in_nav": "on"},
        )
    assert response.status_code == 302
    client.logout()
    for path in ("/", story.get_absolute_url()):
        page = client.get(path).content.decode()
        assert "Climate" in page and "Weather" not in page, path


def test_emptying_the_trash_drops_index_entries_and_keeps_cached_pages(
    client, editor, newsroom, page_cache, django_capture_on_commit_callbacks
):
    gone = newsroom.story("Old flood report")
    kept = newsroom.story("Harbour reopens")
    assert client.get(kept.get_absolute_url()).status_code == 200
    assert store.find(kept.get_absolute_url()) is not None
    with django_capture_on_commit_callbacks(execute=True):
        workflow.trash(gone, editor)
    later = timezone.now() + timedelta(days=365)
    with django_capture_on_commit_callbacks(execute=True):
        assert trash.purge_expired(now=later) == 1
    assert store.find(kept.get_absolute_url()) is not None  # nothing readers saw changed
    with connection.cursor() as cursor:
        table = (
            "newsdesk_search_fts" if connection.vendor == "sqlite" else "newsdesk_search_document"
        )
        column = "rowid" if connection.vendor == "sqlite" else "story_id"
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {column} = %s", [gone.pk])  # noqa: S608
        assert cursor.fetchone()[0] == 0


def test_picture_details_edited_in_the_desk_reach_cached_story_pages(
    client, editor, newsroom, page_cache, django_capture_on_commit_callbacks
):
    picture = newsroom.image(caption="Boats in the old harbour", credit="Photo: Old Agency")
    story = newsroom.story("Harbour reopens", featured_image=picture)
    assert "Boats in the old harbour" in client.get(story.get_absolute_url()).content.decode()
    assert store.find(story.get_absolute_url()) is not None
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/desk/media/{picture.pk}/",
            {
                "title": "Harbour",
                "alt_text": "Fishing boats moored at the quay",
                "caption": "Fishing boats back at the quay",
                "credit": "Photo: New Agency",
            },
        )
    assert response.status_code == 302
    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Fishing boats back at the quay" in page and "Photo: New Agency" in page
    assert "Boats in the old harbour" not in page and "Old Agency" not in page


def test_a_section_added_in_the_desk_shows_in_cached_pages_navigation(
    client, editor, newsroom, page_cache, django_capture_on_commit_callbacks
):
    story = newsroom.story("Markets steady", section=newsroom.section("Business"))
    for path in ("/", story.get_absolute_url()):
        assert "Climate" not in client.get(path).content.decode()
        assert store.find(path) is not None
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/desk/sections-and-tags/", {"kind": "section", "name": "Climate"})
    assert response.status_code == 302
    client.logout()
    for path in ("/", story.get_absolute_url()):
        assert 'href="/section/climate/"' in client.get(path).content.decode(), path


def test_deleting_a_tag_or_person_in_the_admin_drops_their_lists_counts_only(
    client, editor, newsroom, page_cache, django_capture_on_commit_callbacks
):
    tag, person = newsroom.tag("Drought"), newsroom.person("Lena Park")
    story = newsroom.story("Wells run dry", tags=[tag], bylines=[person])
    tag_key, author_key = pagecounts.tag_key(tag.pk), pagecounts.author_key(person.pk)
    counted = set(PageCount.objects.values_list("list_key", flat=True))
    assert {tag_key, author_key, pagecounts.ALL} <= counted
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        for model, obj in (("tag", tag), ("person", person)):
            response = client.post(f"/admin/content/{model}/{obj.pk}/delete/", {"post": "yes"})
            assert response.status_code == 302, model
    left = set(PageCount.objects.values_list("list_key", flat=True))
    left |= set(PageMonthCount.objects.values_list("list_key", flat=True))
    assert tag_key not in left and author_key not in left
    assert pagecounts.ALL in left  # the story itself is still counted where it is
    client.logout()
    assert "Wells run dry" in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 200
