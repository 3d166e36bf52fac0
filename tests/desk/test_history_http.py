"""Revisions list/diff/restore, corrections, and preview links over HTTP."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Correction, Status, Story
from newsdesk.content.services import revisions


def edit(story, user, **changes):
    return revisions.save_story(
        story, changes, user, base_version=Story.objects.get(pk=story.pk).version
    )


def test_revision_list_diff_and_restore(client, newsroom, desk_editor):
    story = revisions.create_story(
        {
            "headline": "Quake hits north",
            "body": "<p>Magnitude six.</p>",
            "section": newsroom.section(),
        },
        desk_editor,
    )
    edit(story, desk_editor, body="<p>Magnitude six point two, officials said.</p>")
    edit(story, desk_editor, headline="Strong quake hits north")
    client.force_login(desk_editor)
    url = reverse("desk:revisions", args=[story.pk])
    listing = client.get(url).content.decode()
    assert listing.count('name="a"') == 3

    diff = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "Version 1 → version 2" in diff
    assert "<del>six.</del>" in diff
    assert "<ins>six point two, officials said.</ins>" in diff
    assert client.get(url, {"a": 1, "b": 99}).status_code == 404

    response = client.post(reverse("desk:revision-restore", args=[story.pk, 1]))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.version == 4
    assert story.headline == "Quake hits north"
    assert story.body == "<p>Magnitude six.</p>"
    newest = story.revisions.first()
    assert (newest.version, newest.note) == (4, "Restored version 1")
    assert story.revisions.count() == 4  # nothing was thrown away


def test_correction_shows_at_the_end_and_dates_the_story(client, newsroom, desk_editor):
    story = newsroom.story(
        "Minister resigns",
        section=newsroom.section(),
        published_at=timezone.now() - timedelta(hours=3),
    )
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:correction-add", args=[story.pk]),
        {"kind": "correction", "text": "An earlier version misspelled the minister's name."},
    )
    assert response.status_code == 302
    note = Correction.objects.get(story=story)
    story.refresh_from_db()
    assert story.updated_at >= note.created_at - timedelta(seconds=1)
    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Corrections and updates" in page
    assert "An earlier version misspelled the minister&#x27;s name." in page
    assert page.index("Corrections and updates") > page.index('class="story-body"')
    assert "Updated" in page


def test_contributor_cannot_add_corrections(client, newsroom, contributor):
    story = newsroom.story("Live", section=newsroom.section())
    client.force_login(contributor)
    response = client.post(
        reverse("desk:correction-add", args=[story.pk]), {"kind": "update", "text": "x"}
    )
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_staff_preview_at_real_url_and_signed_link_for_outsiders(client, newsroom, desk_editor):
    story = newsroom.story(
        "Unreleased report",
        section=newsroom.section(),
        status=Status.DRAFT,
        bylines=[newsroom.person("Amira Haddad"), newsroom.person("Reza Karimi")],
    )
    assert client.get(story.get_absolute_url()).status_code == 404
    client.force_login(desk_editor)
    assert "Unreleased report" in client.get(story.get_absolute_url()).content.decode()

    response = client.post(reverse("desk:preview-link", args=[story.pk]), follow=True)
    link = re.search(r"http://testserver(/desk/preview/[^ <]+/)", response.content.decode()).group(
        1
    )
    client.logout()
    shared = client.get(link)
    assert shared.status_code == 200
    assert "Unreleased report" in shared.content.decode()
    assert "Preview: this story is draft" in shared.content.decode()
    assert re.search(r"By <a[^>]*>Amira Haddad</a> and <a[^>]*>Reza Karimi</a>", shared.text)
    assert shared["X-Robots-Tag"] == "noindex"

    tampered = client.get(link.replace("/desk/preview/", "/desk/preview/x"))
    assert tampered.status_code == 403
    assert "not valid" in tampered.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        expired = client.get(link)
    assert expired.status_code == 403
    assert "expired" in expired.content.decode()


def test_needs_review_queue_for_editors(client, newsroom, desk_editor, contributor):
    newsroom.story("Waiting for an editor", status=Status.REVIEW, created_by=contributor)
    newsroom.story("Still a draft", status=Status.DRAFT, created_by=contributor)
    client.force_login(desk_editor)
    page = client.get(reverse("desk:story-list")).content.decode()
    assert "Needs review (1)" in page
    assert "In review" in page and "Draft" in page
    queue = client.get(reverse("desk:story-list"), {"state": "review"}).content.decode()
    assert "Waiting for an editor" in queue
    assert "Still a draft" not in queue
