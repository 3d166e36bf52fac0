from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from newsdesk.content.models import Correction, Image, Person, Section, Story, Tag
from newsdesk.content.text import make_slug
from newsdesk.editions.config import editions

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


class OrderedPeopleField(forms.Field):
    """People by id, in the order given (the byline order), each once."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = []
        for raw in value or []:
            try:
                pk = int(raw)
            except (TypeError, ValueError):
                raise forms.ValidationError(
                    _("“%(value)s” is not a person."), params={"value": raw}
                ) from None
            if pk not in ids:
                ids.append(pk)
        found = Person.objects.in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise forms.ValidationError(
                _("These people no longer exist: %(ids)s") % {"ids": ", ".join(map(str, missing))}
            )
        return [found[pk] for pk in ids]


class TagNamesField(forms.CharField):
    """Tags as names separated by commas: known ones found by their slug (the one slug rule),
    new ones returned unsaved for the view to add if the user may."""

    def to_python(self, value):
        names = []
        for raw in (super().to_python(value) or "").split(","):
            name = " ".join(raw.split())
            if name and name.lower() not in (n.lower() for n in names):
                names.append(name)
        if any(len(name) > 120 for name in names):
            raise forms.ValidationError(_("A tag is at most 120 characters."))
        known = {tag.slug: tag for tag in Tag.objects.filter(slug__in=map(make_slug, names))}
        return [known.get(make_slug(name)) or Tag(name=name) for name in names]


class StoryForm(forms.ModelForm):
    body = ProseEditorFormField(config={"extensions": EDITOR_EXTENSIONS}, required=False)
    bylines = OrderedPeopleField(required=False)
    tags = TagNamesField(
        required=False,
        label=_("Tags"),
        help_text=_("Separated by commas; suggestions appear as you type."),
        widget=forms.TextInput(attrs={"list": "tag-suggestions", "autocomplete": "off"}),
    )
    # The featured picture's own description, edited beside it and saved to the picture.
    picture_alt = forms.CharField(
        required=False, max_length=500, label=_("Alt text"), help_text=_("What the picture shows.")
    )
    picture_credit = forms.CharField(required=False, max_length=255, label=_("Credit"))
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
            "edition",
        ]
        widgets = {
            "featured_image": forms.HiddenInput,
            "standfirst": forms.Textarea(attrs={"rows": 2}),
            "featured_caption": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "headline": _("Headline"),
            "standfirst": _("Standfirst"),
            "kind": _("Kind"),
            "section": _("Section"),
            "featured_caption": _("Caption"),
            "language": _("Language"),
            "source_url": _("Source URL"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if len(editions()) < 2:  # the edition is a choice only on a site of several
            del self.fields["edition"]
        self.user_may_add_tags = bool(user and user.has_perm("content.add_tag"))
        story = self.instance
        if story.pk and not self.is_bound:
            self.initial["bylines"] = [person.pk for person in story.people]
            self.initial["tags"] = ", ".join(tag.name for tag in story.tags.all())
        if story.featured_image_id and not self.is_bound:
            self.initial["picture_alt"] = story.featured_image.alt_text
            self.initial["picture_credit"] = story.featured_image.credit

    def filing_fields(self) -> list:
        """Where the story is filed and how: shown together under the text."""
        names = ("edition", "section", "tags", "kind", "language", "source_url")
        return [self[name] for name in names if name in self.fields]

    def byline_people(self) -> list:
        """The people the form shows as bylines now (sent ones when bound)."""
        ids = self["bylines"].value() or []
        try:
            return self.fields["bylines"].to_python(ids)
        except forms.ValidationError:
            return []

    def picture(self):
        value = self["featured_image"].value()
        return Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        new = [tag.name for tag in tags if tag.pk is None]
        if new and not self.user_may_add_tags:
            raise forms.ValidationError(
                _("These tags do not exist yet, and you may not add tags: %(tags)s")
                % {"tags": ", ".join(new)}
            )
        return tags

    def changes(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "tags" and name in self.fields
        }
        tags = self.cleaned_data["tags"]
        for tag in tags:
            if tag.pk is None:
                tag.save()
        data["tags"] = tags
        data["bylines"] = list(self.cleaned_data["bylines"])
        return data

    def picture_details(self) -> dict:
        """The featured picture's alt text and credit as sent, for the picture itself."""
        return {
            "alt_text": self.cleaned_data["picture_alt"],
            "credit": self.cleaned_data["picture_credit"],
        }


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
        labels = {"kind": _("Kind"), "text": _("Text")}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("JPEG, PNG or WebP, up to 20 MB and 50 megapixels.")
    )
    alt_text = forms.CharField(
        max_length=500, required=False, label=_("Alt text"), help_text=_("Required to publish.")
    )
    caption = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Caption")
    )
    credit = forms.CharField(max_length=255, required=False, label=_("Credit"))


class ImageDetailsForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["title", "alt_text", "caption", "credit"]
        labels = {
            "title": _("Title"),
            "alt_text": _("Alt text"),
            "caption": _("Caption"),
            "credit": _("Credit"),
        }


class GalleryAddForm(forms.Form):
    image = forms.ModelChoiceField(queryset=Image.objects.all())
    caption = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    credit = forms.CharField(required=False, max_length=255)


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("section", _("Move to section")),
        ("unpublish", _("Unpublish")),
        ("trash", _("Move to the trash")),
        ("restore", _("Restore from the trash")),
    ]
    action = forms.ChoiceField(choices=ACTIONS, label=_("Action"))
    section = forms.ModelChoiceField(
        Section.objects.order_by("name"), required=False, label=_("Section"), empty_label="—"
    )
    stories = forms.ModelMultipleChoiceField(Story.objects.all(), widget=forms.MultipleHiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("action") == "section" and not data.get("section"):
            self.add_error("section", _("Choose the section to move the stories to."))
        return data
