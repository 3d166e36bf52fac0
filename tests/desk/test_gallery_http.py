"""Building a photo story's gallery on the desk, and the events readers' copies follow."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsdesk.content.models import GalleryItem, Image, Kind, Status
from tests.builders import jpeg_bytes


def order(story):
    return list(story.gallery_items.values_list("image__alt_text", flat=True))


def test_editor_builds_orders_and_prunes_a_gallery(client, newsroom, desk_editor):
    story = newsroom.story("Pictures: spring", section=newsroom.section(), kind=Kind.PHOTO)
    first, second, third = (newsroom.image(alt_text=name) for name in ("one", "two", "three"))
    client.force_login(desk_editor)
    add = reverse("desk:gallery-add", args=[story.pk])
    for image in (first, second, third):
        client.post(add, {"image": image.pk, "caption": f"About {image.alt_text}"})
    assert order(story) == ["one", "two", "three"]
    item = GalleryItem.objects.get(story=story, image=third)
    client.post(reverse("desk:gallery-move", args=[story.pk, item.pk]), {"direction": "up"})
    assert order(story) == ["one", "three", "two"]
    removed = GalleryItem.objects.get(story=story, image=first)
    client.post(reverse("desk:gallery-remove", args=[story.pk, removed.pk]))
    assert order(story) == ["three", "two"]
    page = client.get(story.get_absolute_url()).content.decode()
    assert page.index("About three") < page.index("About two")
    assert "About one" not in page
    assert "Pictures (2)" in page


def test_contributor_cannot_change_someone_elses_gallery(client, newsroom, contributor):
    story = newsroom.story("Someone's photo story", section=newsroom.section())
    client.force_login(contributor)
    image = newsroom.image()
    response = client.post(reverse("desk:gallery-add", args=[story.pk]), {"image": image.pk})
    assert response.status_code == 403
    assert not GalleryItem.objects.exists()


def test_gallery_picture_without_alt_text_blocks_publication(client, newsroom, desk_editor):
    story = newsroom.story("Draft gallery", section=newsroom.section(), status=Status.DRAFT)
    GalleryItem.objects.create(story=story, image=newsroom.image(alt_text=""))
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:story-transition", args=[story.pk]), {"to_state": "published"}, follow=True
    )
    assert "1 picture needs alt text before publication." in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_correction_is_announced_as_an_update(
    client, newsroom, desk_editor, django_capture_on_commit_callbacks, heard_changes
):
    story = newsroom.story("Live", section=newsroom.section())
    client.force_login(desk_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("desk:correction-add", args=[story.pk]),
            {"kind": "update", "text": "Police have named the suspect."},
        )
    told = [(c.reader_event, c.story.pk, c.user) for c in heard_changes]
    assert told == [("updated", story.pk, desk_editor)]


def test_upload_queues_renditions_for_the_worker(
    client, contributor, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("desk:media"),
            {"file": SimpleUploadedFile("a.jpg", jpeg_bytes(700, 400)), "alt_text": "A"},
        )
    image = Image.objects.get()
    job = DBTaskResult.objects.get(task_path="newsdesk.content.tasks.make_image_renditions")
    assert job.args_kwargs["args"] == [image.pk]


def test_closing_the_editor_clears_presence(client, newsroom, desk_editor, contributor):
    story = newsroom.story("Draft", status=Status.DRAFT, created_by=contributor)
    other = client.__class__()
    other.force_login(desk_editor)
    other.get(reverse("desk:story-edit", args=[story.pk]))
    client.force_login(contributor)
    url = reverse("desk:story-presence", args=[story.pk])
    assert client.post(url).json()["others"] == ["edna"]
    other.post(url, {"leave": "1"})
    assert client.post(url).json()["others"] == []
