"""A full disk during a picture upload (desk media library and API): the user is told the
storage is full and nothing was saved; no Image row and no half-written file are left.

The disk is a real FileSystemStorage, configured through STORAGES, whose write stops after
the first kilobyte with ENOSPC, inside Django's own write loop, as a filling disk does."""

import errno
import io
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdesk.content.models import Image
from tests.api.helpers import bearer, key_for, user_with_perms
from tests.builders import jpeg_bytes

pytestmark = pytest.mark.django_db
PLAIN_DISK = "django.core.files.storage.FileSystemStorage"


class _StopsWriting:
    """File content whose second chunk never reaches the disk."""

    def __init__(self, content, failure: int):
        self.content, self.failure = content, failure

    def chunks(self, chunk_size=None):
        self.content.seek(0)
        yield self.content.read(1024)
        raise OSError(self.failure, os.strerror(self.failure))


class FullDiskStorage(FileSystemStorage):
    failure = errno.ENOSPC

    def _save(self, name, content):
        return super()._save(name, _StopsWriting(content, self.failure))


class ReadOnlyStorage(FullDiskStorage):
    failure = errno.EACCES


def use_storage(settings, storage_class):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{storage_class.__name__}"},
    }


def files_under(root) -> list[str]:
    return [os.path.join(d, f) for d, _, names in os.walk(root) for f in names]


@pytest.fixture
def picture():
    data = jpeg_bytes(400, 300)
    assert len(data) > 2048  # bigger than what the failing disk takes
    return data


def test_the_failing_storage_really_leaves_a_partial_file(settings, picture, tmp_path):
    # The simulation is honest: Django's FileSystemStorage alone leaves half a file behind.
    storage = FullDiskStorage(location=tmp_path / "disk")
    with pytest.raises(OSError):
        storage.save("x.jpg", io.BytesIO(picture))
    assert [os.path.getsize(p) for p in files_under(tmp_path / "disk")] == [1024]


@pytest.mark.parametrize(
    "storage_class, status, message",
    [
        (FullDiskStorage, 507, "The media storage is full: nothing was saved."),
        (ReadOnlyStorage, 503, "could not write the picture (Permission denied)"),
    ],
)
def test_desk_upload_on_a_failing_disk(
    client, editor, settings, picture, storage_class, status, message
):
    use_storage(settings, storage_class)
    client.force_login(editor)
    file = SimpleUploadedFile("harbour.jpg", picture, "image/jpeg")
    response = client.post(reverse("desk:media"), {"file": file, "alt_text": "Harbour"})
    assert response.status_code == status
    html = response.content.decode()
    assert message in html and "nothing was saved" in html
    assert Image.objects.count() == 0
    assert files_under(settings.MEDIA_ROOT) == []

    # The disk has room again: the same upload goes through.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": PLAIN_DISK}}
    file = SimpleUploadedFile("harbour.jpg", picture, "image/jpeg")
    assert (
        client.post(reverse("desk:media"), {"file": file, "alt_text": "Harbour"}).status_code == 302
    )
    image = Image.objects.get()
    assert image.file.storage.exists(image.file.name) and image.file.size == len(picture)


def test_api_upload_on_a_full_disk(client, django_user_model, settings, picture):
    use_storage(settings, FullDiskStorage)
    user = user_with_perms(django_user_model, "ed", "add_image", "add_story")
    upload = io.BytesIO(picture)
    upload.name = "harbour.jpg"
    response = client.post("/api/images", {"file": upload}, **bearer(key_for(user)))
    assert response.status_code == 507, response.content
    assert "storage is full: nothing was saved" in response.json()["detail"]
    assert Image.objects.count() == 0
    assert files_under(settings.MEDIA_ROOT) == []
