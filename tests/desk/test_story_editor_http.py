"""The story editor through HTTP: bylines, the featured picture's details, agency copy,
people and pictures found from the editor."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdesk.content.models import Image, Person, Source, Story
from newsdesk.wire.models import DuplicateGroup, ItemKind, WireItem
from newsdesk.wire.services.ingest import store_item
from tests.builders import jpeg_bytes
from tests.desk.test_editing_http import story_form


def test_bylines_are_saved_in_the_order_chosen(client, newsroom, desk_editor, section):
    ana, li = newsroom.person("Ana Ruiz"), newsroom.person("Li Wei")
    client.force_login(desk_editor)
    client.post(reverse("desk:story-create"), story_form(section, bylines=[li.pk, ana.pk]))
    story = Story.objects.get()
    assert story.people == [li, ana]
    client.post(
        reverse("desk:story-edit", args=[story.pk]),
        story_form(section, bylines=[ana.pk, li.pk], version=story.version),
    )
    assert Story.objects.get().people == [ana, li]
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert page.index("Ana Ruiz") < page.index("Li Wei")
    # and readers see them
    public = client.get(story.get_absolute_url()).content.decode()
    assert "Ana Ruiz" in public and "Li Wei" in public


def test_a_byline_that_no_longer_exists_is_an_error_not_a_silent_drop(
    client, newsroom, desk_editor, section
):
    client.force_login(desk_editor)
    response = client.post(reverse("desk:story-create"), story_form(section, bylines=["999"]))
    assert response.status_code == 200
    assert "These people no longer exist: 999" in response.content.decode()
    assert not Story.objects.exists()


def test_saving_without_touching_bylines_keeps_them(client, newsroom, desk_editor, section):
    ana = newsroom.person("Ana Ruiz")
    story = newsroom.story("Kept", section=section, bylines=[ana])
    client.force_login(desk_editor)
    form = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert f'name="bylines" value="{ana.pk}"' in form


def test_featured_picture_alt_and_credit_are_edited_beside_it(
    client, newsroom, desk_editor, section
):
    picture = newsroom.image(alt_text="", credit="")
    client.force_login(desk_editor)
    client.post(
        reverse("desk:story-create"),
        story_form(
            section,
            featured_image=picture.pk,
            picture_alt="Boats in the harbour at dawn",
            picture_credit="Photo: IRNA",
            featured_caption="The harbour on Monday.",
        ),
    )
    picture.refresh_from_db()
    assert (picture.alt_text, picture.credit) == ("Boats in the harbour at dawn", "Photo: IRNA")
    story = Story.objects.get()
    assert story.featured_image == picture and story.featured_caption == "The harbour on Monday."


def test_agency_copy_is_shown_beside_the_story_it_became(client, desk_editor, newsroom):
    irna = Source.objects.create(name="IRNA")
    item = store_item(
        kind=ItemKind.FEED,
        raw="1",
        source=irna,
        guid="i1",
        headline="Earthquake shakes the north",
        body="<p>A magnitude 5 earthquake struck near Tabriz.</p>",
        author="Reza Ahmadi",
        link="https://irna.example/1",
    )
    client.force_login(desk_editor)
    response = client.post(reverse("wire:accept", args=[item.pk]))
    story = Story.objects.get()
    assert response["Location"] == reverse("desk:story-edit", args=[story.pk])
    page = client.get(response["Location"]).content.decode()
    copy = page.split('id="agency-heading"')[1].split("</section>")[0]
    assert "IRNA" in copy and "Reza Ahmadi" in copy and "struck near Tabriz" in copy
    assert 'href="https://irna.example/1"' in copy


def test_people_search_and_create_on_the_fly(client, newsroom, desk_editor, contributor):
    newsroom.person("Maryam Hosseini")
    newsroom.person("Hossein Rahimi")
    newsroom.person("Someone Else")
    client.force_login(desk_editor)  # an editor bylines a new correspondent while writing
    found = client.get(reverse("desk:people-search"), {"q": "hoss"}).json()
    assert [p["name"] for p in found["people"]] == ["Hossein Rahimi", "Maryam Hosseini"]
    assert found["can_create"] is True
    made = client.post(reverse("desk:person-create"), {"name": "Nika Sadeghi"}).json()
    assert made["created"] and Person.objects.filter(name="Nika Sadeghi").exists()
    again = client.post(reverse("desk:person-create"), {"name": "Nika Sadeghi"}).json()
    assert again["created"] is False and again["person"]["id"] == made["person"]["id"]

    client.force_login(contributor)  # contributors choose people; adding them is editors'
    assert client.get(reverse("desk:people-search"), {"q": "x"}).json()["can_create"] is False
    refused = client.post(reverse("desk:person-create"), {"name": "Not Allowed"})
    assert refused.status_code == 403 and not Person.objects.filter(name="Not Allowed").exists()


def test_media_picker_shows_thumbnails_and_searches(client, newsroom, desk_editor):
    newsroom.image(title="Harbour at dawn", alt_text="Boats")
    newsroom.image(title="Parliament", alt_text="A building", credit="Photo: AP")
    client.force_login(desk_editor)
    everything = client.get(reverse("desk:media-picker")).content.decode()
    assert everything.count('class="pick"') == 2 and "<img" in everything
    found = client.get(reverse("desk:media-picker"), {"q": "Photo: AP"}).content.decode()
    assert "Parliament" in found and "Harbour" not in found
    nothing = client.get(reverse("desk:media-picker"), {"q": "zebra"}).content.decode()
    assert "No pictures match “zebra”." in nothing


def test_wire_queue_groups_versions_of_one_story(client, desk_editor):
    irna, ap = Source.objects.create(name="IRNA"), Source.objects.create(name="AP")
    first = store_item(
        kind=ItemKind.FEED, raw="1", source=irna, guid="1", headline="Quake in the north"
    )
    second = store_item(kind=ItemKind.FEED, raw="2", source=ap, guid="2", headline="Quake hits")
    store_item(kind=ItemKind.FEED, raw="3", source=ap, guid="3", headline="Other news")
    group = DuplicateGroup.objects.create()
    WireItem.objects.filter(pk__in=[first.pk, second.pk]).update(group=group)
    client.force_login(desk_editor)
    page = client.get("/desk/wire/").content.decode()
    assert page.count('class="wire-group"') == 2  # the cluster once, and the other story
    cluster = page.split(f'id="wire-{second.pk}"')[1].split("</article>")[0]
    assert "2 versions: AP, IRNA" in cluster and "Quake in the north" in cluster


def test_tags_are_typed_by_name_and_new_ones_added_by_those_who_may(
    client, newsroom, desk_editor, contributor, section
):
    newsroom.tag("Iran")
    client.force_login(desk_editor)  # editors may add tags
    client.post(reverse("desk:story-create"), story_form(section, tags="iran, Earthquake , Iran,"))
    story = Story.objects.get()
    assert sorted(story.tags.values_list("name", flat=True)) == ["Earthquake", "Iran"]
    page = client.get(reverse("desk:story-edit", args=[story.pk])).content.decode()
    assert 'value="Iran, Earthquake"' in page or 'value="Earthquake, Iran"' in page
    assert client.get(reverse("desk:tags-search"), {"q": "ear"}).json() == {"tags": ["Earthquake"]}

    client.force_login(contributor)  # contributors choose among existing tags only
    refused = client.post(reverse("desk:story-create"), story_form(section, tags="Iran, Floods"))
    assert "These tags do not exist yet, and you may not add tags: Floods" in (
        refused.content.decode()
    )
    assert Story.objects.count() == 1


def test_a_reporters_new_story_starts_with_their_byline(client, newsroom, contributor):
    me = newsroom.person("Carla Reyes", user=contributor)
    client.force_login(contributor)
    page = client.get(reverse("desk:story-create")).content.decode()
    assert f'name="bylines" value="{me.pk}"' in page and "Carla Reyes" in page


def test_upload_from_the_picker_returns_the_new_picture_to_choose(client, desk_editor):
    client.force_login(desk_editor)
    made = client.post(
        reverse("desk:media"),
        {
            "from_picker": "1",
            "file": SimpleUploadedFile("bazaar.jpg", jpeg_bytes(800, 600)),
            "alt_text": "The bazaar",
            "credit": "Photo: IRNA",
        },
    )
    assert made.status_code == 200
    assert (
        'class="pick"' in made.content.decode() and 'data-alt="The bazaar"' in made.content.decode()
    )
    assert Image.objects.get().credit == "Photo: IRNA"
    refused = client.post(
        reverse("desk:media"),
        {"from_picker": "1", "file": SimpleUploadedFile("notes.txt", b"not a picture")},
    )
    assert refused.status_code == 400 and refused.content  # the reason, shown in the picker
    assert Image.objects.count() == 1
