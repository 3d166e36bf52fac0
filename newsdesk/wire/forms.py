from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Section, Source
from newsdesk.wire.models import ItemStatus

MAX_NINJS_BYTES = 2 * 1024 * 1024


class QueueFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    source = forms.ModelChoiceField(Source.objects.all(), required=False, label=_("Source"))
    section = forms.ModelChoiceField(Section.objects.all(), required=False, label=_("Section"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Open (new or failed)")), ("all", _("All")), *ItemStatus.choices],
        required=False,
    )
    unseen = forms.BooleanField(required=False, label=_("Only items I have not seen"))


class ImportURLForm(forms.Form):
    url = forms.URLField(label=_("Page address"), max_length=1000, assume_scheme="https")
    source = forms.ModelChoiceField(Source.objects.all(), required=False, label=_("Source"))
    background = forms.BooleanField(
        required=False, label=_("Import in the background (the worker fetches it)")
    )


class NinjsUploadForm(forms.Form):
    file = forms.FileField(label=_("ninjs JSON file"))
    source = forms.ModelChoiceField(Source.objects.all(), required=False, label=_("Source"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_NINJS_BYTES:
            raise forms.ValidationError(
                _("The file is over 2 MB; a ninjs document is far smaller.")
            )
        return upload


class StoryNumberField(forms.IntegerField):
    """A story's number, as typed or as chosen from the suggestions ("1234 · Headline")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().split(" ", 1)[0].lstrip("#")
        return super().to_python(value)


class MergeForm(forms.Form):
    story = StoryNumberField(label=_("Story number"), min_value=1)
