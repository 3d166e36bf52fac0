"""The newsroom's admin: usable today; the full desk (workflow, roles, revisions) builds on it."""

from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html

from newsdesk.content import changes
from newsdesk.content.models import Byline, Image, Person, Section, Source, Story, Tag
from newsdesk.content.services import permissions, publishing, revisions


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
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
        ("Attribution", {"fields": ["sources", "source_url"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "updated_at", "version", "created_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(deleted_at__isnull=True)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False  # deleting is the desk's "move to trash", restorable for 30 days

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change:
                # Numbered after the row as it is now, locked: a save that landed since
                # this request loaded the story cannot make two revisions of one number.
                obj.version = publishing.lock(obj).version + 1
                publishing.save_changes(obj, request.user)
            else:
                obj.created_by = request.user
                obj.save()
            revisions.record(obj, request.user, note="Edited in the admin")

    @admin.display(description="Preview")
    def preview_link(self, story):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">View</a>', story.get_absolute_url()
        )

    @admin.display(description="Featured image")
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
            if change:
                changes.names_changed(obj, request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            changes.names_changed(obj, request.user, deleted=True)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                changes.names_changed(obj, request.user, deleted=True)
            super().delete_queryset(request, queryset)


@admin.register(Image)
class ImageAdmin(ShownWithStoriesAdmin):
    list_display = ["__str__", "thumbnail", "credit", "width", "height", "created_at"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    readonly_fields = ["thumbnail", "width", "height"]

    @admin.display(description="Preview")
    def thumbnail(self, image):
        return image_thumbnail(image)


@admin.register(Section)
class SectionAdmin(ShownWithStoriesAdmin):
    list_display = ["name", "slug", "parent", "order", "show_in_nav"]
    list_editable = ["order", "show_in_nav"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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
