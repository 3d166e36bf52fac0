"""Writing, saving and conflicting edits through the desk's real HTTP endpoints."""

from django.urls import reverse

from newsdesk.content.models import Revision, Status, Story


def story_form(section, **overrides):
    data = {
        "headline": "Floods reach the capital",
        "standfirst": "Rivers burst their banks overnight.",
        "body": "<p>The water rose <strong>two metres</strong>.</p>",
        "kind": "article",
        "section": section.pk,
        "language": "en-us",
        "featured_caption": "",
        "source_url": "",
    }
    data.update(overrides)
    return data


def test_contributor_writes_a_story_and_a_revision_is_stored(client, contributor, section):
    client.force_login(contributor)
    response = client.post(reverse("desk:story-create"), story_form(section))
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:story-edit", args=[story.pk])
    assert story.created_by == contributor
    assert story.status == Status.DRAFT
    assert story.revisions.count() == 1

    page = client.get(reverse("desk:story-edit", args=[story.pk]))
    assert page.status_code == 200
    assert "Floods reach the capital" in page.content.decode()
    assert "Draft" in page.content.decode()


def test_save_with_current_version_stores_a_new_revision(client, contributor, section):
    client.force_login(contributor)
    client.post(reverse("desk:story-create"), story_form(section))
    story = Story.objects.get()
    response = client.post(
        reverse("desk:story-edit", args=[story.pk]),
        story_form(section, headline="Floods reach the capital city", version=story.version),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Floods reach the capital city"
    assert story.version == 2
    assert list(story.revisions.values_list("version", flat=True)) == [2, 1]
    assert Revision.objects.get(story=story, version=2).user == contributor


def test_second_save_on_old_version_is_refused_and_nothing_is_lost(
    client, desk_editor, contributor, section, django_user_model
):
    client.force_login(contributor)
    client.post(reverse("desk:story-create"), story_form(section))
    story = Story.objects.get()
    base = story.version

    # Two editors opened version 1. The editor saves first.
    first = client.__class__()
    first.force_login(desk_editor)
    first.get(reverse("desk:story-edit", args=[story.pk]))
    saved = first.post(
        reverse("desk:story-edit", args=[story.pk]),
        story_form(section, headline="Editor's headline", version=base),
    )
    assert saved.status_code == 302

    # The contributor, still on version 1, saves: refused, told why, text kept, diff shown.
    response = client.post(
        reverse("desk:story-edit", args=[story.pk]),
        story_form(section, body="<p>My own new paragraph.</p>", version=base),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not saved" in html
    assert "edna saved this story (version 2)" in html
    assert "My own new paragraph." in html  # the user's text stays in the form
    assert "<ins>Editor&#x27;s headline</ins>" in html or "<ins>Editor&#39;s headline</ins>" in html
    story.refresh_from_db()
    assert story.headline == "Editor's headline"
    assert "My own new paragraph" not in story.body
    assert story.version == 2
    # The form now carries version 2, so saving again deliberately goes through.
    assert 'name="version" value="2"' in html


def test_presence_shows_who_else_is_editing(client, desk_editor, contributor, section):
    client.force_login(contributor)
    client.post(reverse("desk:story-create"), story_form(section))
    story = Story.objects.get()
    other = client.__class__()
    other.force_login(desk_editor)
    other.get(reverse("desk:story-edit", args=[story.pk]))
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert "edna is also editing this story." in page
    beat = other.post(reverse("desk:story-presence", args=[story.pk]))
    assert beat.json()["others"] == ["carla"]


def test_invalid_form_keeps_input_and_explains(client, contributor, section):
    client.force_login(contributor)
    response = client.post(
        reverse("desk:story-create"), story_form(section, headline="", body="<p>Kept body</p>")
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Kept body" in response.content.decode()
    assert Story.objects.count() == 0
