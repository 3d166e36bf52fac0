"""Admin for API keys (shown once, revocable, last use visible) and webhooks (endpoints,
delivery log, notice when an endpoint was switched off)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk import net
from newsdesk.api import keys, webhooks
from newsdesk.api.models import WEBHOOK_EVENTS, ApiKey, WebhookDelivery, WebhookEndpoint


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "prefix", "created_at", "last_used_at", "state"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", "user", "scope", *readonly_fields]
    actions = ["revoke_keys"]
    autocomplete_fields = ["user"]

    @admin.display(description=gettext_lazy("State"))
    def state(self, key):
        return _("revoked") if key.revoked_at else _("active")

    def save_model(self, request, obj, form, change):
        raw_key = None if change else keys.assign_new_secret(obj)
        super().save_model(request, obj, form, change)
        if raw_key:
            messages.warning(
                request,
                _(
                    "The new key is %(key)s — copy it now: only its hash is kept, "
                    "it cannot be shown again."
                )
                % {"key": raw_key},
            )

    @admin.action(description=gettext_lazy("Revoke the selected keys"))
    def revoke_keys(self, request, queryset):
        for key in queryset.filter(revoked_at__isnull=True):
            keys.revoke(key)
        messages.success(request, _("Revoked. Programs using these keys are refused from now on."))


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=[(event, event) for event in WEBHOOK_EVENTS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            webhooks.check_endpoint_url(url)
        except (net.UnsafeURL, net.FetchError) as error:
            raise forms.ValidationError(
                _("This address cannot receive webhooks: %(error)s") % {"error": error}
            ) from None
        return url


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-created_at"]
    fields = [
        "created_at",
        "event",
        "status",
        "attempts",
        "response_status",
        "response_ms",
        "error",
    ]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-created_at")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "event_list", "is_active", "consecutive_failures", "disabled_reason"]
    list_filter = ["is_active"]
    readonly_fields = ["secret", "consecutive_failures", "disabled_at", "disabled_reason"]
    actions = ["enable_endpoints"]
    inlines = [DeliveryInline]

    @admin.display(description=gettext_lazy("Events"))
    def event_list(self, endpoint):
        return ", ".join(endpoint.events or [])

    def save_model(self, request, obj, form, change):
        if not obj.secret:
            obj.secret = webhooks.new_secret()
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        for endpoint in WebhookEndpoint.objects.filter(disabled_at__isnull=False, is_active=False):
            messages.warning(
                request,
                _("Webhook %(url)s is switched off: %(reason)s")
                % {"url": endpoint.url, "reason": endpoint.disabled_reason},
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=gettext_lazy("Re-enable the selected endpoints"))
    def enable_endpoints(self, request, queryset):
        for endpoint in queryset:
            webhooks.enable(endpoint)
        messages.success(request, _("Re-enabled; failures counted from zero."))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_status",
        "response_ms",
        "error",
    ]
    list_filter = ["status", "event", "endpoint"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
