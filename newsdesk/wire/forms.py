from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Section, Source
from newsdesk.wire.models import ItemStatus

MAX_NINJS_BYTES = 2 * 1024 * 1024


class QueueFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    source = forms.ModelChoiceField(Source.objects.all(), required=False)
    section = forms.ModelChoiceField(Section.objects.all(), required=False)
    status = forms.ChoiceField(
        choices=[("", "Open (new or failed)"), ("all", "All"), *ItemStatus.choices], required=False
    )
    unseen = forms.BooleanField(required=False, label=_("Only items I have not seen"))


class ImportURLForm(forms.Form):
    url = forms.URLField(label="Page address", max_length=1000, assume_scheme="https")
    source = forms.ModelChoiceField(Source.objects.all(), required=False)
    background = forms.BooleanField(
        required=False, label="Import in the background (the worker fetches it)"
    )


class NinjsUploadForm(forms.Form):
    file = forms.FileField(label="ninjs JSON file")
    source = forms.ModelChoiceField(Source.objects.all(), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_NINJS_BYTES:
            raise forms.ValidationError("The file is over 2 MB; a ninjs document is far smaller.")
        return upload


class StoryNumberField(forms.IntegerField):
    """A story's number, as typed or as chosen from the suggestions ("1234 · Headline")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().split(" ", 1)[0].lstrip("#")
        return super().to_python(value)


class MergeForm(forms.Form):
    story = StoryNumberField(label="Story number", min_value=1)
