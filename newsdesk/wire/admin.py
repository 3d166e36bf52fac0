from django import forms
from django.contrib import admin

from newsdesk.content.text import sanitize_html
from newsdesk.wire.models import Feed, OldURL, WireItem, WireSource


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 1
    fields = ["url", "next_poll_at", "failures", "last_success_at", "last_error", "last_notes"]
    readonly_fields = ["failures", "last_success_at", "last_error", "last_notes"]


@admin.register(WireSource)
class WireSourceAdmin(admin.ModelAdmin):
    list_display = ["source", "poll_minutes", "rule", "default_section", "enabled"]
    list_filter = ["rule", "enabled"]
    inlines = [FeedInline]


class WireItemForm(forms.ModelForm):
    class Meta:
        model = WireItem
        fields = [
            "kind",
            "source",
            "feed",
            "guid",
            "link",
            "headline",
            "summary",
            "body",
            "author",
            "language",
            "image_url",
            "published_at",
            "status",
        ]

    def clean_body(self):
        # The same sanitizer as every import: the wire desk shows the body as HTML.
        return sanitize_html(self.cleaned_data.get("body") or "")


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    form = WireItemForm
    list_display = ["headline", "source", "kind", "status", "fetched_at"]
    list_filter = ["status", "kind", "source"]
    search_fields = ["headline", "guid", "link"]
    readonly_fields = ["raw", "error", "story", "group", "fetched_at"]
    exclude = ["shingle_hashes"]


@admin.register(OldURL)
class OldURLAdmin(admin.ModelAdmin):
    list_display = ["path", "story"]
    search_fields = ["path"]
