"""People (bylines) and sections & tags: find them, add them, without the admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from newsdesk.content import changes
from newsdesk.content.models import Byline, Person, Section, Story, Tag
from newsdesk.content.text import make_slug
from newsdesk.desk.access import desk_view
from newsdesk.desk.counts import CAP, capped_counts

SEARCH_LIMIT = 12
LIST_LIMIT = 200
CAP_LABEL = f"{CAP:,}+"


# (is a section, was created) → what the desk says; whole sentences, so each reads right.
TAXONOMY_OUTCOMES = {
    (True, True): gettext_lazy("Section “%(name)s” added."),
    (True, False): gettext_lazy("Section “%(name)s” already exists."),
    (False, True): gettext_lazy("Tag “%(name)s” added."),
    (False, False): gettext_lazy("Tag “%(name)s” already exists."),
}


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "role"]


class NameForm(forms.Form):
    name = forms.CharField(max_length=120)


def _person_json(person):
    return {"id": person.pk, "name": person.name, "role": person.role}


def _add_person(user, name: str, role: str = "") -> tuple[Person, bool]:
    """The person called `name`, made if nobody by that name (its slug) exists yet."""
    if not user.has_perm("content.add_person"):
        raise PermissionDenied("You may not add people.")
    existing = Person.objects.filter(slug=make_slug(name)).first()
    if existing:
        return existing, False
    return Person.objects.create(name=name, role=role), True


@desk_view
def people(request):
    q = request.GET.get("q", "").strip()
    rows = Person.objects.all()
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(role__icontains=q))
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person, created = _add_person(request.user, **form.cleaned_data)
        if created:
            messages.success(request, _("%(name)s added.") % {"name": person.name})
        else:
            messages.info(request, _("%(name)s was already here.") % {"name": person.name})
        return redirect("desk:people")
    people = capped_counts(rows.order_by("name")[:LIST_LIMIT], Byline, "person")
    context = {"people": people, "q": q, "form": form, "cap_label": CAP_LABEL}
    return render(request, "desk/people.html", context, status=400 if form.errors else 200)


@desk_view
def people_search(request):
    """For the byline picker: people whose name contains the text, best (prefix) first."""
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        rows = Person.objects.filter(name__icontains=q).order_by("name")[: SEARCH_LIMIT * 4]
        found = sorted(rows, key=lambda p: (not p.name.lower().startswith(q.lower()), p.name))
    return JsonResponse(
        {
            "people": [_person_json(p) for p in found[:SEARCH_LIMIT]],
            "can_create": request.user.has_perm("content.add_person"),
        }
    )


@desk_view
def tags_search(request):
    """For the editor's tag field: tags whose name contains the text, most used first."""
    q = request.GET.get("q", "").strip()
    names = []
    if q:
        rows = Tag.objects.filter(name__icontains=q).annotate(uses=Count("stories"))
        names = list(rows.order_by("-uses", "name").values_list("name", flat=True)[:SEARCH_LIMIT])
    return JsonResponse({"tags": names})


@desk_view
@require_POST
def person_create(request):
    form = NameForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": _("Give the person's name.")}, status=400)
    try:
        person, created = _add_person(request.user, form.cleaned_data["name"].strip())
    except PermissionDenied as error:
        return JsonResponse({"error": str(error)}, status=403)
    return JsonResponse({"person": _person_json(person), "created": created})


@desk_view
def taxonomy(request):
    if request.method == "POST":
        is_section = request.POST.get("kind") == "section"
        model = Section if is_section else Tag
        perm = "content.add_section" if is_section else "content.add_tag"
        if not request.user.has_perm(perm):
            raise PermissionDenied(_("You may not add these."))
        form = NameForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["name"].strip()
            with transaction.atomic():
                row, created = model.objects.get_or_create(
                    slug=make_slug(name), defaults={"name": name}
                )
                if created and is_section:  # every page's navigation shows it
                    changes.names_changed(row, request.user)
            messages.success(request, TAXONOMY_OUTCOMES[(is_section, created)] % {"name": name})
        else:
            messages.error(request, _("Give a name."))
        return redirect("desk:taxonomy")
    q = request.GET.get("q", "").strip()
    tags = Tag.objects.all()
    if q:
        tags = tags.filter(name__icontains=q)
    # In order of name, not of use: ranking by use counts every tag's every story.
    context = {
        "sections": capped_counts(Section.objects.order_by("order", "name"), Story, "section"),
        "tags": capped_counts(tags.order_by("name")[:LIST_LIMIT], Story.tags.through, "tag"),
        "q": q,
        "cap_label": CAP_LABEL,
    }
    return render(request, "desk/taxonomy.html", context)
