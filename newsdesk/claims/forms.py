from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsdesk.claims.models import Claim
from newsdesk.claims.numbers import normalise


class FigureField(forms.CharField):
    """A number as people write it: "12,480", "3.4bn", "2.1 million", "0.8%"."""

    MAX_LENGTH = 40

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.MAX_LENGTH)}

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        if len(text) > self.MAX_LENGTH:
            raise ValidationError(_("Write a shorter number."))
        quantity = normalise(text)
        if quantity is not None:
            return quantity.value
        try:  # what reads as a year in copy ("2024") is still a number here
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_("Write a number, such as 12,480 or 3.4 million.")) from None


class ClaimSearchForm(forms.Form):
    speaker = forms.CharField(label=_("Said by"), required=False, max_length=200)
    unit = forms.CharField(label=_("Unit or what is counted"), required=False, max_length=100)
    low = FigureField(label=_("From"), required=False)
    high = FigureField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and low > high:
            raise ValidationError(_("The first number of the range must not be above the second."))
        for name in ("speaker", "unit"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("Remove the control characters."))
        return data


class ClaimCorrectionForm(forms.ModelForm):
    value = FigureField(label=_("Number"))

    class Meta:
        model = Claim
        fields = ["value", "unit", "speaker", "outlet", "said_on"]
        widgets = {"said_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is None or abs(value) >= Decimal(10) ** 23:
            raise ValidationError(_("Write a number below 10²³."))
        return value
