"""The desk's story list: filters, search and sort from the query string, read one page at a
time by keyset ("stories after this one") so that page 500 costs what page 1 costs, at any
number of stories. Which stories a user may see is decided by the content permissions."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Byline, Kind, Person, Section, Status, Story
from newsdesk.search.backends import backend_for
from newsdesk.search.query import parse_query

PAGE_SIZE = 50
SEARCH_WINDOW = 2000
TRASH = "trash"
# What a row of the list never shows: the text (long, and stored out of line) and the
# picture's own caption and credit.
UNLISTED_FIELDS = (
    "body",
    "standfirst",
    "featured_caption",
    "source_url",
    "featured_image__caption",
    "featured_image__credit",
)

# sort name -> (label, date field, newest first)
SORTS = {
    "updated": (_("Last changed, newest first"), "updated_at", True),
    "updated-oldest": (_("Last changed, oldest first"), "updated_at", False),
    "published": (_("Publication time, newest first"), "published_at", True),
}


class StoryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    state = forms.ChoiceField(
        required=False,
        label=_("State"),
        choices=[("", _("Any state")), *Status.choices, (TRASH, _("Trash"))],
    )
    section = forms.ModelChoiceField(
        Section.objects.order_by("name"),
        required=False,
        label=_("Section"),
        empty_label=_("Any section"),
    )
    author = forms.ModelChoiceField(
        Person.objects.order_by("name"), required=False, label=_("Author"), empty_label=_("Anyone")
    )
    kind = forms.ChoiceField(
        required=False, label=_("Kind"), choices=[("", _("Any kind")), *Kind.choices]
    )
    mine = forms.BooleanField(required=False, label=_("Only mine"))
    date_from = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort"),
        choices=[(name, label) for name, (label, _date, _newest) in SORTS.items()],
    )


@dataclass
class StoryListPage:
    stories: list
    next_cursor: str
    sort: str
    date_field: str
    search_window_full: bool = False


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _matching_text(queryset, text: str):
    """Stories whose headline, standfirst or body match (the full-text index), or one of
    whose bylined people's names contains the text. The index gives its newest
    SEARCH_WINDOW matches (highest ids: ids are given as stories are filed) from one walk of
    itself, whatever the number of stories; the page says when the window was full."""
    ids = backend_for(connection).newest_ids(parse_query(text), SEARCH_WINDOW, prefix=True)
    ids = ids[:SEARCH_WINDOW]
    window_full = len(ids) == SEARCH_WINDOW
    # People first (a short table): most searches name no one, and then the stories need
    # no byline test at all. When someone matches, the test is one index probe per story
    # the list walks (EXISTS), not a join over every byline of the newsroom.
    people = list(Person.objects.filter(name__icontains=text).values_list("pk", flat=True))
    if not people:
        return queryset.filter(pk__in=ids), window_full
    bylined = Byline.objects.filter(story=OuterRef("pk"), person__in=people)
    return queryset.filter(Q(pk__in=ids) | Q(Exists(bylined))), window_full


def filtered_stories(user, data: dict):
    """The stories `data` (a valid StoryFilterForm's cleaned data) asks for that `user` may
    see, unsorted; and whether a search found more than it looked at."""
    stories = Story.objects.all()
    if data.get("state") == TRASH:
        stories = stories.filter(deleted_at__isnull=False)
    else:
        stories = stories.filter(deleted_at__isnull=True)
        if data.get("state"):
            stories = stories.filter(status=data["state"])
    if not user.has_perm("content.edit_others_story") or data.get("mine"):
        bylined = Byline.objects.filter(person__user=user).values("story")
        stories = stories.filter(Q(created_by=user) | Q(pk__in=bylined))
    if data.get("section"):
        stories = stories.filter(section=data["section"])
    if data.get("author"):
        bylined = Byline.objects.filter(person=data["author"]).values("story")
        stories = stories.filter(pk__in=bylined)
    if data.get("kind"):
        stories = stories.filter(kind=data["kind"])
    _label, date_field, _newest = SORTS[data.get("sort") or "updated"]
    if data.get("date_from"):
        stories = stories.filter(**{f"{date_field}__gte": _day_start(data["date_from"])})
    if data.get("date_to"):
        next_day = _day_start(data["date_to"] + timedelta(days=1))
        stories = stories.filter(**{f"{date_field}__lt": next_day})
    window_full = False
    if data.get("q"):
        stories, window_full = _matching_text(stories, data["q"])
    return stories, window_full


def encode_cursor(story, date_field: str) -> str:
    return f"{getattr(story, date_field).isoformat()}_{story.pk}"


def decode_cursor(cursor: str):
    """(datetime, id) from a cursor, or None for a missing or damaged one (first page)."""
    value, _sep, pk = (cursor or "").rpartition("_")
    try:
        return datetime.fromisoformat(value), int(pk)
    except ValueError:
        return None


def story_page(user, data: dict, cursor: str = "") -> StoryListPage:
    sort = data.get("sort") or "updated"
    _label, date_field, newest_first = SORTS[sort]
    stories, window_full = filtered_stories(user, data)
    if date_field == "published_at":
        # Drafts have no publication time yet; this sort lists what has one.
        stories = stories.filter(published_at__isnull=False)
    after = decode_cursor(cursor)
    if after:
        when, pk = after
        beyond = "lt" if newest_first else "gt"
        # The first condition alone is what the date index can start its walk from; the
        # second tells apart the stories that share the cursor's time.
        stories = stories.filter(**{f"{date_field}__{beyond}e": when}).filter(
            Q(**{f"{date_field}__{beyond}": when}) | Q(**{date_field: when, f"pk__{beyond}": pk})
        )
    order = [f"-{date_field}", "-pk"] if newest_first else [date_field, "pk"]
    rows = list(
        stories.select_related("section", "featured_image")
        .defer(*UNLISTED_FIELDS)
        .prefetch_related(Prefetch("byline_set", Byline.objects.select_related("person")))
        .order_by(*order)[: PAGE_SIZE + 1]
    )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    next_cursor = encode_cursor(rows[-1], date_field) if more else ""
    return StoryListPage(rows, next_cursor, sort, date_field, window_full)
