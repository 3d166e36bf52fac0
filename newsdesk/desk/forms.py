from django import forms
from django_prose_editor.fields import ProseEditorFormField

from newsdesk.content.models import Correction, Image, Story

# What the editor offers; the server's sanitizer (content/text.py) decides what is kept.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "ListItem": True,
    "Image": True,
    "History": True,
}


class StoryForm(forms.ModelForm):
    body = ProseEditorFormField(config={"extensions": EDITOR_EXTENSIONS}, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A new story's form carries a one-use token (newsdesk.ops.submissions): sent twice, it
    # still makes one story.
    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Story
        fields = [
            "headline",
            "standfirst",
            "body",
            "kind",
            "section",
            "tags",
            "featured_image",
            "featured_caption",
            "language",
            "source_url",
        ]
        widgets = {
            "standfirst": forms.Textarea(attrs={"rows": 2}),
            "featured_caption": forms.Textarea(attrs={"rows": 2}),
        }

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "tags"}
        data["tags"] = list(self.cleaned_data["tags"])
        return data


class TransitionForm(forms.Form):
    to_state = forms.CharField()
    note = forms.CharField(required=False, max_length=2000)
    at = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class UploadForm(forms.Form):
    file = forms.FileField(help_text="JPEG, PNG or WebP, up to 20 MB and 50 megapixels.")
    alt_text = forms.CharField(max_length=500, required=False, help_text="Required to publish.")
    caption = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    credit = forms.CharField(max_length=255, required=False)


class ImageDetailsForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["title", "alt_text", "caption", "credit"]


class GalleryAddForm(forms.Form):
    image = forms.ModelChoiceField(queryset=Image.objects.all())
    caption = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    credit = forms.CharField(required=False, max_length=255)
