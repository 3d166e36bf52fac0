"""Background work for live coverage. Run by `newsdesk worker`."""

from django_tasks import task

from newsdesk.live import alerts
from newsdesk.live.models import BreakingAlert


@task()
def expire_alert(alert_id: int) -> bool:
    """At an alert's expiry: end it, so every page that shows it is purged."""
    alert = BreakingAlert.objects.filter(pk=alert_id, ended_at__isnull=True).first()
    if alert is None:
        return False
    alerts.end_alert(alert, None)
    return True
