"""Autosave on the server: the editor page's unsaved changes kept as one draft per story and
editor, without a revision, offered back on reopening, dropped by a save."""

import json

from django.urls import reverse

from newsdesk.content.services import revisions
from newsdesk.desk.models import StoryDraft


def state(**fields):
    return json.dumps({name: [value] for name, value in fields.items()})


def keep(client, story, version, **fields):
    url = reverse("desk:story-draft", args=[story.pk])
    return client.post(url, {"state": state(**fields), "version": version})


def test_a_kept_draft_changes_nothing_and_comes_back_on_reopening(client, newsroom, desk_editor):
    story = newsroom.story("Original headline", body="<p>Old.</p>")
    client.force_login(desk_editor)
    for n in range(3):  # the page sends it every few seconds: one row, written over
        reply = keep(client, story, story.version, headline=f"Typed {n}", body="<p>New.</p>")
        assert reply.status_code == 200 and reply.json() == {"kept": True}
    story.refresh_from_db()
    assert story.headline == "Original headline" and story.version == 1
    assert story.revisions.count() == 0
    assert StoryDraft.objects.get().fields["headline"] == ["Typed 2"]

    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    kept = json.loads(page.split('id="kept-draft" type="application/json">')[1].split("<")[0])
    assert kept["state"]["headline"] == ["Typed 2"] and kept["version"] == 1
    assert "Unsaved changes to this story were kept" in page


def test_saving_drops_the_draft_and_a_late_one_from_before_the_save_is_ignored(
    client, newsroom, desk_editor
):
    story = newsroom.story("Storm warning", body="<p>Winds.</p>")
    client.force_login(desk_editor)
    keep(client, story, 1, headline="Storm warning for the coast")
    data = {"headline": "Storm warning for the coast", "body": "<p>Winds.</p>", "version": 1}
    data |= {"kind": "article", "language": "en", "section": story.section_id or ""}
    response = client.post(reverse("desk:story-edit", args=[story.pk]), data)
    assert response.status_code == 302
    assert not StoryDraft.objects.exists()
    # An autosave sent just before the save and answered after it
    assert keep(client, story, 1, headline="Storm warning for the").json() == {"kept": False}
    assert not StoryDraft.objects.exists()
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert 'id="kept-draft"' not in page


def test_a_draft_over_someone_elses_newer_save_warns_and_saving_it_shows_the_conflict(
    client, newsroom, desk_editor, desk_admin
):
    story = newsroom.story("Storm warning", body="<p>Winds.</p>")
    client.force_login(desk_editor)
    keep(client, story, 1, headline="Mine")
    revisions.save_story(story, {"headline": "Theirs"}, desk_admin, base_version=1)
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert "The story was saved since they were typed" in page
    data = {"headline": "Mine", "body": "<p>Winds.</p>", "version": 1}
    data |= {"kind": "article", "language": "en", "section": story.section_id or ""}
    conflict = client.post(reverse("desk:story-edit", args=[story.pk]), data)
    assert "Not saved: this story changed while you were editing" in conflict.content.decode()
    assert StoryDraft.objects.filter(user=desk_editor).exists()  # kept until really saved


def test_drafts_are_each_editors_own_and_can_be_discarded(
    client, newsroom, desk_editor, desk_admin
):
    story = newsroom.story("Storm warning")
    client.force_login(desk_editor)
    keep(client, story, 1, headline="Edna's")
    client.force_login(desk_admin)
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert 'id="kept-draft"' not in page
    keep(client, story, 1, headline="Ada's")
    assert StoryDraft.objects.count() == 2
    url = reverse("desk:story-draft", args=[story.pk])
    assert client.post(url, {"discard": "1"}).json() == {"kept": False}
    assert list(StoryDraft.objects.values_list("fields__headline", flat=True)) == [["Edna's"]]


def test_a_new_story_has_a_draft_too_until_it_is_created(client, newsroom, desk_editor):
    client.force_login(desk_editor)
    url = reverse("desk:new-story-draft")
    client.post(url, {"state": state(headline="Comet seen"), "version": "0"})
    page = client.get(reverse("desk:story-create")).content.decode()
    assert '"Comet seen"' in page
    data = {"headline": "Comet seen", "body": "<p>x</p>", "kind": "article", "language": "en"}
    client.post(reverse("desk:story-create"), data | {"submission": "a-token-of-this-form"})
    assert not StoryDraft.objects.exists()


def test_bad_drafts_are_refused_with_a_reason_and_rights_are_checked(
    client, newsroom, contributor, desk_editor
):
    story = newsroom.story("An editor's story", created_by=desk_editor)
    client.force_login(desk_editor)
    url = reverse("desk:story-draft", args=[story.pk])
    broken = client.post(url, {"state": "{not json", "version": "1"})
    assert broken.status_code == 400 and broken.json()["error"] == "The draft could not be read."
    wrong = client.post(url, {"state": json.dumps({"headline": "no list"}), "version": "1"})
    assert wrong.status_code == 400
    big = client.post(url, {"state": state(body="<p>" + "x" * 2_000_001 + "</p>")})
    assert big.json()["error"] == "The draft is too large to keep."
    scripted = keep(
        client, story, 1, body='<p>Hi</p><script>alert(1)</script><img src=x onerror="x()">'
    )
    assert scripted.status_code == 200
    kept = StoryDraft.objects.get().fields["body"][0]
    assert "<script" not in kept and "onerror" not in kept and "Hi" in kept
    client.force_login(contributor)  # not theirs to edit: no draft of it either
    assert keep(client, story, 1, headline="Sneaky").status_code == 403
    assert client.get(url).status_code == 405
