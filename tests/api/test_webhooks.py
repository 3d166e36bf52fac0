import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.api import webhooks
from newsdesk.api.admin import WebhookEndpointForm
from newsdesk.api.models import WEBHOOK_EVENTS, WebhookDelivery, WebhookEndpoint
from newsdesk.api.tasks import deliver_webhook
from newsdesk.content.models import Status
from newsdesk.content.services import publishing
from tests.localhttp import Reply


@pytest.fixture
def allow_local(settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1"]


def endpoint(url, events=WEBHOOK_EVENTS):
    return WebhookEndpoint.objects.create(url=url, events=list(events), secret="s3cret")


# The worker closes "old" database connections between tasks, which would end the test's
# transaction on PostgreSQL: tests that run it use a real (transactional) database.
with_worker = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.05, verbosity=0)


def received(local_http):
    return [
        (json.loads(body), headers)
        for method, _, headers, body in local_http.requests
        if method == "POST"
    ]


@with_worker
def test_publish_update_unpublish_are_delivered_signed_by_the_worker(
    newsroom, local_http, allow_local, django_capture_on_commit_callbacks
):
    local_http.routes["/hook"] = Reply(204)
    hook = endpoint(local_http.url("/hook"))
    endpoint(local_http.url("/other"), events=["story.unpublished"])
    story = newsroom.story("Breaking & big", status=Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story)
    # queued, not sent inside the request
    assert local_http.requests == []
    assert DBTaskResult.objects.filter(task_path=deliver_webhook.module_path).count() == 1
    run_worker()

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Breaking & bigger"
        publishing.save_changes(story)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(story)
    run_worker()

    hooks = [(p, h) for p, h in received(local_http) if p["event"] and h]
    to_hook = [p["event"] for p, h in hooks]
    assert to_hook.count("story.published") == 1
    assert to_hook.count("story.updated") == 1
    assert to_hook.count("story.unpublished") == 2  # both endpoints want it
    payload, headers = next((p, h) for p, h in hooks if p["event"] == "story.updated")
    assert payload["story"]["id"] == story.pk
    assert payload["story"]["headline"] == "Breaking & bigger"
    body = next(
        b
        for m, path, h, b in local_http.requests
        if path == "/hook" and h["X-Newsdesk-Event"] == "story.updated"
    )
    expected = hmac.new(
        b"s3cret", headers["X-Newsdesk-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Newsdesk-Signature"] == f"sha256={expected}"
    assert headers["Content-Type"] == "application/json"

    log = WebhookDelivery.objects.filter(endpoint=hook)
    assert log.count() == 3
    assert {d.status for d in log} == {WebhookDelivery.Status.SUCCEEDED}
    assert all(d.response_status == 204 and d.response_ms is not None for d in log)


@with_worker
def test_failed_delivery_is_retried_with_backoff_then_succeeds(newsroom, local_http, allow_local):
    answers = iter([Reply(500, b"boom"), Reply(200, b"ok")])
    local_http.routes["/hook"] = lambda handler: next(answers)
    endpoint(local_http.url("/hook"))
    (delivery,) = webhooks.record_event("story.published", newsroom.story("S"))

    before = timezone.now()
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.attempts == 1 and delivery.response_status == 500
    assert "500" in delivery.error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after >= before + timedelta(seconds=29)

    run_worker()  # not due yet: nothing happens
    assert len(local_http.requests) == 1
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and delivery.attempts == 2
    assert delivery.endpoint.consecutive_failures == 0


def test_backoff_grows_and_gives_up(newsroom, local_http, allow_local, settings):
    settings.NEWSDESK_WEBHOOK_MAX_ATTEMPTS = 3
    local_http.routes["/hook"] = Reply(503)
    endpoint(local_http.url("/hook"))
    (delivery,) = webhooks.record_event("story.published", newsroom.story("S"))
    delays = []
    for _ in range(3):
        outcome = webhooks.attempt(delivery)
        delays.append(outcome.retry_in)
    assert delays == [timedelta(seconds=30), timedelta(minutes=2), None]
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED and delivery.attempts == 3


def test_endpoint_disabled_after_repeated_failures_with_admin_notice(
    newsroom, local_http, allow_local, settings, admin_client
):
    settings.NEWSDESK_WEBHOOK_DISABLE_AFTER = 3
    local_http.routes["/hook"] = Reply(500)
    hook = endpoint(local_http.url("/hook"))
    deliveries = [
        webhooks.record_event("story.updated", newsroom.story(f"S{n}"))[0] for n in range(3)
    ]
    for delivery in deliveries:
        webhooks.attempt(delivery)
    hook.refresh_from_db()
    assert hook.is_active is False and "3 failed deliveries" in hook.disabled_reason
    assert webhooks.record_event("story.updated", newsroom.story("Later")) == []

    page = admin_client.get("/admin/api/webhookendpoint/")
    assert page.status_code == 200
    assert f"Webhook {hook.url} is switched off" in page.content.decode()


def test_private_addresses_refused_unless_allowed(newsroom, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    form = WebhookEndpointForm(
        data={"url": local_http.url("/hook"), "events": ["story.updated"], "is_active": True}
    )
    assert not form.is_valid()
    assert "cannot receive webhooks" in form.errors["url"][0]
    # registered earlier (or allowed then): still refused at delivery, and not retried
    hook = endpoint(local_http.url("/hook"))
    (delivery,) = webhooks.record_event("story.updated", newsroom.story("S"))
    assert webhooks.attempt(delivery).retry_in is None
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.error.startswith("Refused")
    assert local_http.requests == []
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1"]
    form = WebhookEndpointForm(
        data={"url": hook.url, "events": ["story.updated"], "is_active": True}
    )
    assert form.is_valid(), form.errors


def test_task_runs_on_the_worker_not_in_the_request(
    newsroom, local_http, allow_local, client, django_user_model, django_capture_on_commit_callbacks
):
    """An API publish queues the delivery; the HTTP response does not wait for the receiver."""
    from tests.api.helpers import bearer, key_for, user_with_perms

    local_http.routes["/hook"] = Reply(200, delay=0.5)
    endpoint(local_http.url("/hook"))
    editor = user_with_perms(
        django_user_model, "ed", "change_story", "publish_story", "edit_others_story"
    )
    story = newsroom.story("S", status=Status.DRAFT, section=newsroom.section())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/stories/{story.pk}/transitions",
            {"to": "published"},
            content_type="application/json",
            **bearer(key_for(editor)),
        )
    assert response.status_code == 200
    assert local_http.requests == []
    assert DBTaskResult.objects.filter(task_path=deliver_webhook.module_path).count() == 1


def test_admin_registers_endpoint_with_secret(admin_client, local_http, allow_local):
    assert admin_site.is_registered(WebhookEndpoint)
    response = admin_client.post(
        "/admin/api/webhookendpoint/add/",
        {
            "url": local_http.url("/hook"),
            "description": "partner",
            "events": ["story.published"],
            "is_active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hook = WebhookEndpoint.objects.get()
    assert len(hook.secret) >= 32 and hook.events == ["story.published"]


def test_immediate_backend_leaves_retries_for_the_retry_command(
    newsroom, local_http, allow_local, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    answers = iter([Reply(500), Reply(200)])
    local_http.routes["/hook"] = lambda handler: next(answers)
    endpoint(local_http.url("/hook"))
    (delivery,) = webhooks.record_event("story.published", newsroom.story("S"))
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING and delivery.attempts == 1
    assert len(local_http.requests) == 1  # not hammered
    call_command("retry_webhooks", verbosity=0)  # not due yet
    assert len(local_http.requests) == 1
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    call_command("retry_webhooks", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and delivery.attempts == 2


def test_trash_and_restore_of_a_live_story_are_announced(
    newsroom, editor, local_http, allow_local, django_capture_on_commit_callbacks
):
    """A partner told a story left (trashed) is told when it comes back; a draft that goes
    through the trash was never public, so neither move is announced."""
    from newsdesk.content.services import trash, workflow

    endpoint(local_http.url("/hook"))
    live, draft = newsroom.story("Live story"), newsroom.story("Draft", status=Status.DRAFT)
    for story in (live, draft):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.trash(story, editor)
        with django_capture_on_commit_callbacks(execute=True):
            trash.restore(story, editor)
    events = list(WebhookDelivery.objects.order_by("pk").values_list("event", "payload__story__id"))
    assert events == [("story.unpublished", live.pk), ("story.published", live.pk)]
