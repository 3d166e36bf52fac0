"""Breaking alerts: the one shown now (read on every page, so cached), and its end."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.services import permissions
from newsdesk.live.models import BreakingAlert

CACHE_KEY = "live:breaking-alert"
NONE = "none"  # cached "no alert", so pages without one ask the database no more often


def check_rights(user) -> None:
    if not permissions.can_publish(user):
        raise PermissionDenied(_("Only editors who may publish set breaking alerts."))


def forget_cached() -> None:
    """Now, and again at commit: no process keeps an alert read before the commit."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def current() -> BreakingAlert | None:
    """The alert every page shows now, if any (an expired one is not shown even before the
    worker ends it)."""
    alert = cache.get(CACHE_KEY)
    if alert is None:
        alert = BreakingAlert.objects.filter(ended_at__isnull=True).first() or NONE
        cache.set(CACHE_KEY, alert, 60)
    return alert if alert != NONE and alert.is_showing() else None


def end_alert(alert: BreakingAlert, user) -> BreakingAlert:
    """Take the banner down now; `user` None is the clock (the alert's expiry)."""
    if user is not None:
        check_rights(user)
    with transaction.atomic():
        alert = BreakingAlert.objects.select_for_update().get(pk=alert.pk)
        if alert.ended_at is None:
            alert.ended_at = min(timezone.now(), alert.expires_at or timezone.now())
            alert.save(update_fields=["ended_at"])
            forget_cached()
            changes.live_changed(changes.ALERT_ENDED, alert, None, user)
    return alert
