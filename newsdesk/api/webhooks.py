"""Webhooks: content events become signed HTTP POSTs to the endpoints admins registered.

The change pipeline (content/changes.py) hands every story change to receivers.py after
commit; a change readers saw (story.published / .updated / .unpublished) reaches
`record_event`, which turns it into a delivery row per subscribed endpoint and queues it. The
worker then calls `attempt` (see tasks.py): one signed POST through the SSRF-safe fetcher,
logged with status and response time. A failed attempt is retried with growing delays; an
endpoint that keeps failing is switched off and the admin says so.

Receivers check the signature as HMAC-SHA256(secret, "<timestamp>.<body>"), hex, in
`X-Newsdesk-Signature: sha256=<hex>`, and reject old timestamps (replays).
"""

import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from newsdesk import net
from newsdesk.api.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

RESPONSE_MAX_BYTES = 64 * 1024
TIMEOUT_SECONDS = 10
# Delay before retry n (1-based): 30 s, 2 min, 8 min, 32 min, ~2 h.
FIRST_RETRY_SECONDS = 30
BACKOFF_FACTOR = 4


def max_attempts() -> int:
    return getattr(settings, "NEWSDESK_WEBHOOK_MAX_ATTEMPTS", 6)


def disable_after() -> int:
    """Consecutive failed attempts after which an endpoint is switched off."""
    return getattr(settings, "NEWSDESK_WEBHOOK_DISABLE_AFTER", 15)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def check_endpoint_url(url: str) -> None:
    """Raise net.UnsafeURL (or net.FetchError if the host does not resolve) for a URL that
    targets loopback/private/link-local addresses, unless NEWSDESK_FETCH_ALLOW allows it."""
    net.check_url(url)


def story_payload(event: str, story) -> dict:
    base = getattr(settings, "NEWSDESK_SITE_URL", "")
    return {
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "story": {
            "id": story.pk,
            "headline": story.headline,
            "status": story.status,
            "language": story.language,
            "url": f"{base}{story.get_absolute_url()}",
            "api_url": f"{base}/api/stories/{story.pk}",
            "published_at": story.published_at.isoformat() if story.published_at else None,
            "updated_at": story.updated_at.isoformat(),
        },
    }


def live_payload(event: str, change) -> dict:
    """A live entry posted, edited or deleted, or a breaking alert started or ended."""
    base = getattr(settings, "NEWSDESK_SITE_URL", "")
    subject = change.subject
    if change.story is None:
        detail = {
            "alert": {
                "id": subject.pk,
                "headline": subject.headline,
                "link": subject.link,
                "started_at": subject.started_at.isoformat(),
                "expires_at": subject.expires_at.isoformat() if subject.expires_at else None,
                "ended_at": subject.ended_at.isoformat() if subject.ended_at else None,
            }
        }
    else:
        story_url = f"{base}{change.story.get_absolute_url()}"
        entry = {
            "id": subject.pk,
            "story_id": change.story.pk,
            "url": f"{story_url}#entry-{subject.pk}",
        }
        if change.kind != "entry.deleted":
            entry |= {
                "title": subject.title,
                "body": subject.body,
                "key_event": subject.key_event,
                "pinned": subject.pinned,
                "posted_at": subject.posted_at.isoformat(),
                "updated_at": subject.updated_at.isoformat(),
                "api_url": f"{base}/api/stories/{change.story.pk}/entries/{subject.pk}",
            }
        detail = {"entry": entry}
    return {"event": event, "occurred_at": timezone.now().isoformat(), **detail}


def record_event(event: str, story) -> list[WebhookDelivery]:
    """One pending delivery per active endpoint subscribed to `event`, queued for the worker."""
    return record_payload(event, story_payload(event, story))


def record_payload(event: str, payload: dict) -> list[WebhookDelivery]:
    from newsdesk.api.tasks import deliver_webhook

    deliveries = []
    for endpoint in WebhookEndpoint.objects.filter(is_active=True):
        if event not in (endpoint.events or []):
            continue
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        deliver_webhook.enqueue(delivery.pk)
        deliveries.append(delivery)
    return deliveries


@dataclass
class Outcome:
    delivered: bool
    retry_in: timedelta | None = None


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=FIRST_RETRY_SECONDS * BACKOFF_FACTOR ** (attempts - 1))


def attempt(delivery: WebhookDelivery) -> Outcome:
    """Send `delivery` once and log the result; says whether and when to try again."""
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        _finish(delivery, WebhookDelivery.Status.FAILED, error="Endpoint is disabled.")
        return Outcome(delivered=False)

    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Newsdesk-Event": delivery.event,
        "X-Newsdesk-Delivery": str(delivery.pk),
        "X-Newsdesk-Timestamp": timestamp,
        "X-Newsdesk-Signature": sign(endpoint.secret, timestamp, body),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    started = time.monotonic()
    retryable = True
    try:
        result = net.fetch(
            endpoint.url,
            method="POST",
            headers=headers,
            content=body,
            timeout=TIMEOUT_SECONDS,
            max_bytes=RESPONSE_MAX_BYTES,
            max_redirects=0,  # a moved endpoint must be re-registered, not followed blindly
        )
        delivery.response_status = result.status
        delivery.response_ms = round(result.elapsed * 1000)
        ok = 200 <= result.status < 300
        delivery.error = "" if ok else f"Receiver answered HTTP {result.status}."
    except net.UnsafeURL as error:
        ok, retryable = False, False
        delivery.error = f"Refused: {error}"[:500]
    except net.FetchError as error:
        ok = False
        delivery.response_ms = round((time.monotonic() - started) * 1000)
        delivery.error = str(error)[:500]

    if ok:
        _finish(delivery, WebhookDelivery.Status.SUCCEEDED)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        return Outcome(delivered=True)

    _count_failure(endpoint)
    if retryable and delivery.attempts < max_attempts():
        delay = _retry_delay(delivery.attempts)
        delivery.next_attempt_at = timezone.now() + delay
        _finish(delivery, WebhookDelivery.Status.RETRYING)
        return Outcome(delivered=False, retry_in=delay)
    _finish(delivery, WebhookDelivery.Status.FAILED)
    return Outcome(delivered=False)


def _finish(delivery: WebhookDelivery, status: str, error: str | None = None) -> None:
    delivery.status = status
    if error is not None:
        delivery.error = error
    if status != WebhookDelivery.Status.RETRYING:
        delivery.next_attempt_at = None
    delivery.save()


def _count_failure(endpoint: WebhookEndpoint) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    endpoint.refresh_from_db(fields=["consecutive_failures", "is_active"])
    if endpoint.is_active and endpoint.consecutive_failures >= disable_after():
        disable(
            endpoint,
            f"Disabled after {endpoint.consecutive_failures} failed deliveries "
            "in a row. Fix the receiver, then re-enable it.",
        )


def disable(endpoint: WebhookEndpoint, reason: str) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
    )
    logger.warning("Webhook endpoint %s disabled: %s", endpoint.url, reason)


def enable(endpoint: WebhookEndpoint) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=True, disabled_at=None, disabled_reason="", consecutive_failures=0
    )
