from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.content.web_links import validate_web_url


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Entry"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Blank lines part paragraphs. Ctrl+Enter posts."),
    )
    key_event = forms.BooleanField(label=_("Key event"), required=False)
    pinned = forms.BooleanField(label=_("Pin to the top"), required=False)


class AlertForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=200)
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        assume_scheme="https",
        validators=[validate_web_url],
        max_length=1000,
        error_messages={"invalid": _("Enter a web address starting with http:// or https://.")},
    )
    minutes = forms.IntegerField(
        label=_("Ends by itself after (minutes, optional)"), required=False, min_value=1
    )

    def expires_in(self):
        minutes = self.cleaned_data.get("minutes")
        return timedelta(minutes=minutes) if minutes else None
