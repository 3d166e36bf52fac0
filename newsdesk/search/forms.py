"""The search form: the query, filters and sort. Invalid filters are reported and
ignored; the query itself is never rejected (it is cut to MAX_QUERY_LENGTH)."""

from datetime import date

from django import forms
from django.db.models import Value
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Person, Section, Source
from newsdesk.content.services.prepared import Prepared
from newsdesk.search.query import clean_query_text
from newsdesk.search.services import SORT_DATE, SORT_RELEVANCE, SearchFilters

# What a choice is made of: its instance holds these, the rest deferred (a choice shows
# its name and is sent as its slug).
CHOICE_COLUMNS = ("id", "slug", "name")


class ListedChoices(forms.models.ModelChoiceIterator):
    """The choices read by one plain query, compiled once: the form's three lists at once
    (SearchForm), or the field's own `listed`. ModelChoiceIterator reads them through
    `QuerySet.iterator()`, which on PostgreSQL is a server-side cursor: three round trips to
    the database per field, on every search page; and compiling the queryset again cost
    each page more than running it."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        model, db = self.queryset.model, self.queryset.db
        # from_db takes the values in the model's order of fields.
        names = [f.attname for f in model._meta.concrete_fields if f.attname in CHOICE_COLUMNS]
        places = [CHOICE_COLUMNS.index(name) for name in names]
        for row in self.rows():
            yield self.choice(model.from_db(db, names, [row[place] for place in places]))

    def rows(self) -> list[tuple]:
        """The choices' rows (CHOICE_COLUMNS), read once per form."""
        if not hasattr(self, "_rows"):
            self._rows = self.field.listed.rows(self.queryset.db)
        return self._rows

    def give(self, rows: list[tuple]) -> None:
        """The rows, read by the form with the other lists'."""
        self._rows = rows

    def key(self) -> tuple:
        """Every value the choices are made of."""
        label = self.field.empty_label
        return (None if label is None else str(label), tuple(self.rows()))


# Selects rendered, by everything each is made from (RememberedSelect).
_RENDERED_SELECTS: dict[tuple, str] = {}
KEPT_SELECTS = 64


class RememberedSelect(forms.Select):
    """A select whose HTML is made once per process for each list of choices, selected
    value and attributes. Django's widget templates render an include per option, and a
    newsroom's list of authors runs to hundreds; the key holds every value the HTML is
    made from (a SlugChoiceField's rows are read on every request, labels are translated
    into the language in use), so it is never stale."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        key = (
            self.template_name,
            name,
            tuple(self.format_value(value)),
            tuple(sorted(attrs.items())),
            self.is_required,
            self._choices_key(),
        )
        html = _RENDERED_SELECTS.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(_RENDERED_SELECTS) >= KEPT_SELECTS:
                _RENDERED_SELECTS.pop(next(iter(_RENDERED_SELECTS), None), None)
            _RENDERED_SELECTS[key] = html
        return html

    def _choices_key(self) -> tuple:
        if isinstance(self.choices, ListedChoices):
            return self.choices.key()
        return tuple((str(value), str(label)) for value, label in self.choices)


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug; text no slug can hold (NUL bytes) is invalid before any query.
    Its choices are those of the queryset it is declared with."""

    iterator = ListedChoices
    widget = RememberedSelect

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        self.listed = Prepared(lambda: queryset.values_list(*CHOICE_COLUMNS))

    def to_python(self, value):
        if value and "\x00" in str(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class DateInput(forms.DateInput):
    """A browser's date picker: its value must be a date (YYYY-MM-DD) for the HTML to be
    valid, and a browser could show nothing else anyway. Text that is no date is left out
    of the box; the field's error says why it was ignored."""

    input_type = "date"

    def format_value(self, value):
        formatted = super().format_value(value)
        try:
            date.fromisoformat(str(formatted))
        except ValueError:
            return None
        return formatted


# The three lists' choices in one trip: (list, its order, id, slug, name) rows, each list
# in its model's order (sections by their order, then name; people and sources by name).
_listed_choices = Prepared(
    lambda: (
        Section.objects.order_by().values_list("order", *CHOICE_COLUMNS),
        Person.objects.order_by().annotate(first=Value(0)).values_list("first", *CHOICE_COLUMNS),
        Source.objects.order_by().annotate(first=Value(0)).values_list("first", *CHOICE_COLUMNS),
    ),
    wrap="SELECT 0, s.* FROM ({0}) AS s UNION ALL SELECT 1, p.* FROM ({1}) AS p "
    "UNION ALL SELECT 2, o.* FROM ({2}) AS o ORDER BY 1, 2, 5, 3",
)
LISTED_FIELDS = ("section", "author", "source")  # in _listed_choices's order


class SearchForm(forms.Form):
    # Its page is a Jinja2 one: Django's Jinja2 widget templates draw the same fields several
    # times faster than the template language's. One renderer, its templates compiled once.
    default_renderer = Jinja2()

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = SlugChoiceField(
        Section.objects.all(), to_field_name="slug", required=False, empty_label=_("All sections")
    )
    author = SlugChoiceField(
        Person.objects.all(), to_field_name="slug", required=False, empty_label=_("Any author")
    )
    source = SlugChoiceField(
        Source.objects.all(), to_field_name="slug", required=False, empty_label=_("Any source")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    sort = forms.ChoiceField(
        choices=[(SORT_RELEVANCE, _("Relevance")), (SORT_DATE, _("Newest first"))],
        required=False,
        widget=RememberedSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listed = {name: [] for name in LISTED_FIELDS}
        for kind, _order, *choice in _listed_choices.rows():
            listed[LISTED_FIELDS[kind]].append(tuple(choice))
        for name, rows in listed.items():
            self.fields[name].widget.choices.give(rows)

    def clean_q(self):
        return clean_query_text(self.cleaned_data.get("q"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def valid(self, name):
        """A field's cleaned value, or None when it was invalid (the error is shown)."""
        return None if name in self.errors else self.cleaned_data.get(name)

    @property
    def query_text(self) -> str:
        return clean_query_text(self.data.get("q", ""))

    @property
    def sort_value(self) -> str:
        return self.valid("sort") or SORT_RELEVANCE

    def filters(self) -> SearchFilters:
        return SearchFilters(
            section=self.valid("section"),
            author=self.valid("author"),
            source=self.valid("source"),
            date_from=self.valid("date_from"),
            date_to=self.valid("date_to"),
        )
