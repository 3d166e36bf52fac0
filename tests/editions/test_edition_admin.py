"""The newsroom files a story in an edition and links translations from the admin."""

import pytest
from django.urls import reverse

from newsdesk.content.models import Story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_editions")]


def test_the_admin_links_the_selected_stories_as_translations(admin_client, newsroom):
    english = newsroom.story("Rain returns", edition="en")
    persian = newsroom.story("باران بازگشت", edition="fa")
    response = admin_client.post(
        "/admin/content/story/",
        {"action": "link_translations", "_selected_action": [english.pk, persian.pk]},
    )
    assert response.status_code == 302
    groups = set(Story.objects.values_list("translation_group", flat=True))
    assert len(groups) == 1 and None not in groups
    assert 'name="edition"' in admin_client.get(f"/admin/content/story/{english.pk}/change/").text


def test_two_stories_of_one_edition_are_refused_with_a_message(admin_client, newsroom):
    first, second = newsroom.story("Rain", edition="en"), newsroom.story("Snow", edition="en")
    response = admin_client.post(
        "/admin/content/story/",
        {"action": "link_translations", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "one version per edition" in response.text
    assert set(Story.objects.values_list("translation_group", flat=True)) == {None}


def test_the_desk_files_a_story_in_the_persian_edition(client, editor, newsroom):
    client.force_login(editor)
    section = newsroom.section("سیاست", edition="fa")
    assert 'name="edition"' in client.get(reverse("desk:story-create")).text
    data = {
        "headline": "باران به پایتخت بازگشت",
        "standfirst": "",
        "body": "<p>باران امروز صبح آغاز شد.</p>",
        "kind": "article",
        "section": section.pk,
        "language": "fa",
        "edition": "fa",
        "featured_caption": "",
        "source_url": "",
    }
    assert client.post(reverse("desk:story-create"), data).status_code == 302
    assert Story.objects.get().edition == "fa"
