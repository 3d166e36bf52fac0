"""The newsroom's admin: lists, filters, search, editing with the preview link."""

import pytest

from newsdesk.content.models import Status, Story

pytestmark = pytest.mark.django_db


def test_story_list_filters_by_status_and_section_and_searches(client, editor, newsroom):
    world = newsroom.section("World")
    newsroom.story("Published in World", section=world)
    newsroom.story("Draft in World", section=world, status=Status.DRAFT)
    newsroom.story("Elsewhere")
    client.force_login(editor)
    drafts = client.get("/admin/content/story/", {"status__exact": "draft"}).content.decode()
    assert "Draft in World" in drafts and "Published in World" not in drafts
    in_world = client.get(
        "/admin/content/story/", {"section__id__exact": world.pk}
    ).content.decode()
    assert "Published in World" in in_world and "Elsewhere" not in in_world
    found = client.get("/admin/content/story/", {"q": "Elsewhere"}).content.decode()
    assert "Elsewhere" in found and "Published in World" not in found


def test_editor_adds_a_story_and_the_body_is_sanitized(client, editor, newsroom):
    section = newsroom.section("World")
    client.force_login(editor)
    form = client.get("/admin/content/story/add/").content.decode()
    assert "prepopulated_fields" in form or "data-prepopulated" in form or "prepopulate" in form
    response = client.post(
        "/admin/content/story/add/",
        {
            "headline": "Ceasefire talks resume",
            "slug": "ceasefire-talks-resume",
            "standfirst": "Talks resumed.",
            "body": '<p onclick="steal()">Text <a href="javascript:alert(1)">link</a></p>',
            "kind": "article",
            "language": "en-us",
            "section": section.pk,
            "status": "published",  # ignored: publishing is the workflow's job
            "byline_set-TOTAL_FORMS": "0",
            "byline_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = Story.objects.get(slug="ceasefire-talks-resume")
    assert story.status == Status.DRAFT and story.published_at is None
    assert story.created_by == editor
    assert story.revisions.count() == 1
    assert story.body == '<p>Text <a rel="noopener noreferrer nofollow">link</a></p>'
    listing = client.get("/admin/content/story/").content.decode()
    assert f'href="{story.get_absolute_url()}"' in listing


def test_readers_cannot_reach_the_admin(client, newsroom):
    response = client.get("/admin/content/story/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_edit_keeps_history_and_cannot_publish(client, editor, newsroom):
    story = newsroom.story("Draft text", status=Status.DRAFT)
    client.force_login(editor)
    form = client.get(f"/admin/content/story/{story.pk}/change/").content.decode()
    assert 'name="status"' not in form and 'name="published_at_0"' not in form
    response = client.post(
        f"/admin/content/story/{story.pk}/change/",
        {
            "headline": "Draft text, edited",
            "slug": story.slug,
            "body": "<p>New body</p>",
            "kind": "article",
            "language": "en-us",
            "status": "published",
            "byline_set-TOTAL_FORMS": "0",
            "byline_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Draft text, edited"
    assert story.status == Status.DRAFT
    assert story.version == 2
    assert story.revisions.first().note == "Edited in the admin"


def test_admin_offers_no_hard_delete(client, editor, newsroom):
    story = newsroom.story("Keep me")
    client.force_login(editor)
    assert (
        client.post(f"/admin/content/story/{story.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Story.objects.filter(pk=story.pk).exists()
