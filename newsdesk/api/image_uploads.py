"""Pictures uploaded through the API, validated by Django's own ImageField (Pillow opens and
verifies the file, so a renamed text file or a decompression bomb is refused)."""

from django import forms
from django.core.exceptions import ValidationError

from newsdesk.api.permissions import require
from newsdesk.content.models import Image
from newsdesk.content.services import media

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImageUploadForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "caption", "credit"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
        return upload


def upload_image(user, data: dict, files) -> tuple[Image | None, dict]:
    """(image, {}) when saved, (None, {field: [messages]}) when the input is not usable.
    Raises media.MediaNotSaved when the storage cannot take the file (nothing is kept)."""
    require(user, "content.add_image")
    form = ImageUploadForm(data, files)
    if not form.is_valid():
        return None, {field: list(errors) for field, errors in form.errors.items()}
    # The desk's own upload service: the same format/pixel limits, GPS stripped, renditions.
    fields = {name: form.cleaned_data[name] for name in ("title", "alt_text", "caption", "credit")}
    try:
        return media.store_upload(form.cleaned_data["file"], user, **fields), {}
    except ValidationError as error:
        return None, {"file": list(error.messages)}
