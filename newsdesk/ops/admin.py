from datetime import timedelta

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsdesk.content.services import trash
from newsdesk.ops.models import TrashedStory


@admin.register(TrashedStory)
class TrashAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "deleted_at", "restorable_until"]
    search_fields = ["headline"]
    actions = ["restore_selected"]
    ordering = ["-deleted_at"]

    def get_queryset(self, request):
        return trash.trashed_stories()

    @admin.display(description=gettext_lazy("Restorable until"))
    def restorable_until(self, story):
        return story.deleted_at + timedelta(days=trash.trash_days())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("content.change_story")

    def has_restore_permission(self, request):
        return request.user.has_perm("content.change_story")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("content.delete_story")

    @admin.action(description=gettext_lazy("Restore selected stories"), permissions=["restore"])
    def restore_selected(self, request, queryset):
        restored, expired = 0, []
        for story in queryset:
            try:
                trash.restore(story, user=request.user)
                restored += 1
            except trash.RestoreExpired:
                expired.append(story.headline)
        if restored:
            self.message_user(
                request,
                ngettext("Restored %(count)d story.", "Restored %(count)d stories.", restored)
                % {"count": restored},
                messages.SUCCESS,
            )
        if expired:
            self.message_user(
                request,
                _("Too old to restore (over %(days)s days): %(headlines)s")
                % {"days": trash.trash_days(), "headlines": ", ".join(expired)},
                messages.ERROR,
            )
