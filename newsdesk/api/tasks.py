"""Work the API leaves to the worker (`newsdesk db_worker`), never done inside a request."""

from django.utils import timezone
from django_tasks import task

from newsdesk.api import webhooks
from newsdesk.api.models import WebhookDelivery


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.SUCCEEDED,
        WebhookDelivery.Status.FAILED,
    ):
        return "nothing to do"
    outcome = webhooks.attempt(delivery)
    if outcome.retry_in is not None:
        if not deliver_webhook.get_backend().supports_defer:
            # A backend that cannot wait (the immediate one) would retry at once and hammer
            # a failing receiver: the delivery stays "retrying" for `retry_webhooks`.
            return f"retry due at {delivery.next_attempt_at:%Y-%m-%d %H:%M:%S}"
        deliver_webhook.using(run_after=timezone.now() + outcome.retry_in).enqueue(delivery_id)
        return f"retry in {outcome.retry_in}"
    return "delivered" if outcome.delivered else "failed"


def queue_due_retries(now=None) -> int:
    """Queue the retries that are due but not waiting in the task queue (see above)."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=now or timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for delivery_id in due:
        deliver_webhook.enqueue(delivery_id)
        count += 1
    return count
