"""The newsroom's admin: usable today; the full desk (workflow, roles, revisions) builds on it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.content import changes
from newsdesk.content.models import Byline, Image, Person, Section, Source, Story, Tag
from newsdesk.content.services import pagecounts, permissions, revisions, translations
from newsdesk.editions.config import editions


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["person"]


# Plain fields the admin form may change (tags, sources and bylines are saved after).
EDITABLE = {
    "headline",
    "slug",
    "standfirst",
    "body",
    "kind",
    "language",
    "section",
    "pinned",
    "featured_image",
    "featured_caption",
    "source_url",
    "edition",
}


class StoryAdminForm(forms.ModelForm):
    """Carries the version the editor opened, so a save made meanwhile (desk, API, another
    admin tab) is not silently overwritten: the same check as the desk's form."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Story
        fields = [*sorted(EDITABLE), "tags", "sources"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        if self.instance.pk and base is not None:
            # Locked until the admin's transaction ends (its change view is one atomic block,
            # save_model included): nobody saves between this check and the save.
            current = (
                Story.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
            )
            if current and current[0] != base:
                # Point the form at the new version so that saving again (after reading
                # the story as it is now) is a deliberate overwrite.
                self.data = self.data.copy()
                self.data["base_version"] = current[0]
                raise forms.ValidationError(
                    _(
                        "Someone saved this story (version %(current)s) after you opened "
                        "version %(base)s. Your changes are not saved: open the story again "
                        "to see theirs, or save again to replace them."
                    )
                    % {"current": current[0], "base": base}
                )
        return cleaned


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryAdminForm
    list_display = ["headline", "section", "status", "published_at", "updated_at", "preview_link"]
    list_filter = ["status", "section", "kind", "language", "published_at"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "sources", "featured_image"]
    # State changes go through the desk's workflow (permissions, preconditions, history);
    # the admin edits text and placement only, so it cannot become a way around them.
    readonly_fields = [
        "featured_image_preview",
        "status",
        "published_at",
        "updated_at",
        "version",
        "created_at",
    ]
    list_select_related = ["section"]
    inlines = [BylineInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "kind", "language"]}),
        ("Placement", {"fields": ["section", "tags", "pinned"]}),
        ("Picture", {"fields": ["featured_image", "featured_image_preview", "featured_caption"]}),
        ("Attribution", {"fields": ["sources", "source_url", "base_version"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "updated_at", "version", "created_at"]},
        ),
    ]

    actions = ["link_translations", "unlink_translations"]

    def get_fieldsets(self, request, obj=None):
        """The edition to file a story in, once the site has more than one."""
        fieldsets = super().get_fieldsets(request, obj)
        if len(editions()) < 2:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "edition"]}), *rest]

    def get_list_filter(self, request):
        several = len(editions()) > 1
        return [*self.list_filter, "edition"] if several else self.list_filter

    @admin.action(
        description=gettext_lazy("Link the selected stories as translations of one another")
    )
    def link_translations(self, request, queryset):
        stories = list(queryset.order_by("pk"))
        try:
            for other in stories[1:]:
                translations.link(stories[0], other, request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, _("Linked %(count)d stories.") % {"count": len(stories)})

    @admin.action(description=gettext_lazy("Unlink the selected stories from their translations"))
    def unlink_translations(self, request, queryset):
        for story in queryset:
            translations.unlink(story, request.user)
        self.message_user(request, _("Unlinked."))

    def get_queryset(self, request):
        return super().get_queryset(request).filter(deleted_at__isnull=True)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False  # deleting is the desk's "move to trash", restorable for 30 days

    def save_model(self, request, obj, form, change):
        if change:
            return  # saved with its tags, sources and bylines, in save_related
        with transaction.atomic():
            obj.created_by = request.user
            obj.save()
            revisions.record(obj, request.user, note="Edited in the admin")

    def save_related(self, request, form, formsets, change):
        if not change:  # a new story is a draft: in no list yet
            super().save_related(request, form, formsets, change)
            return
        # Through the desk's save service, tags, sources and bylines with the row: row lock,
        # version check, one bump, the page counts of the lists it joined or left.
        obj = form.instance
        changes = {name: getattr(obj, name) for name in form.changed_data if name in EDITABLE}
        base = form.cleaned_data.get("base_version")
        saved = revisions.save_story(
            obj,
            changes,
            request.user,
            obj.version if base is None else base,
            note="Edited in the admin",
            relate=lambda current: super(StoryAdmin, self).save_related(
                request, form, formsets, change
            ),
        )
        obj.version = saved.version

    @admin.display(description=gettext_lazy("Preview"))
    def preview_link(self, story):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            story.get_absolute_url(),
            _("View"),
        )

    @admin.display(description=gettext_lazy("Featured image"))
    def featured_image_preview(self, story):
        return image_thumbnail(story.featured_image)


def image_thumbnail(image):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" style="max-width:240px;height:auto">',
        image.file.url,
        image.alt_text,
    )


class ShownWithStoriesAdmin(admin.ModelAdmin):
    """Sections, tags, sources, people and pictures show on pages and in the search index
    of the stories they belong to: a change announces itself through the change pipeline
    (cached pages purged, stories re-indexed)."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            # A new section shows in every page's navigation; a new tag, person, source or
            # picture nowhere until a story takes it (that story's change purges).
            if change or isinstance(obj, Section):
                changes.names_changed(obj, request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._going(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._going(request, obj)
            super().delete_queryset(request, queryset)

    @staticmethod
    def _going(request, obj) -> None:
        """Announce a deletion (its stories are read now) and drop the page counts of the
        list it headed; its stories stay, in their other lists."""
        changes.names_changed(obj, request.user, deleted=True)
        list_key = pagecounts.list_key_of(obj)
        if list_key:
            pagecounts.forget_list(list_key)


@admin.register(Image)
class ImageAdmin(ShownWithStoriesAdmin):
    list_display = ["__str__", "thumbnail", "credit", "width", "height", "created_at"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    # Originals come in through the media library only, where the format allowlist, the
    # pixel limit and metadata stripping apply; the admin edits details, never the file.
    readonly_fields = ["file", "thumbnail", "width", "height", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_image(request.user, obj))

    @admin.display(description=gettext_lazy("Preview"))
    def thumbnail(self, image):
        return image_thumbnail(image)


@admin.register(Section)
class SectionAdmin(ShownWithStoriesAdmin):
    list_display = ["name", "slug", "parent", "order", "show_in_nav"]
    list_editable = ["order", "show_in_nav"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_exclude(self, request, obj=None):
        # Which edition's navigation shows it: a choice only on a site of several.
        return None if len(editions()) > 1 else ["edition"]

    def get_list_display(self, request):
        several = len(editions()) > 1
        return [*self.list_display, "edition"] if several else self.list_display


@admin.register(Tag)
class TagAdmin(ShownWithStoriesAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(ShownWithStoriesAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(ShownWithStoriesAdmin):
    list_display = ["name", "role", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
