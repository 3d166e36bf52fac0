"""Entries and the breaking alert in the content API; entries and alerts announced to
webhooks by the worker; an alert's expiry ends it through the same pipeline."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.api.models import WebhookEndpoint
from newsdesk.live import alerts, services
from newsdesk.live.models import BreakingAlert
from tests.localhttp import Reply


def test_api_lists_entries_newest_first_by_cursor(client, blog, chief):
    made = [services.post_entry(blog, chief, body=f"Entry {n}", key_event=n == 1) for n in range(5)]
    first = client.get(f"/api/stories/{blog.pk}/entries?limit=2").json()
    assert [e["id"] for e in first["items"]] == [made[4].pk, made[3].pk]
    assert first["archived"] is False and first["next_before"] == made[3].pk
    rest = client.get(
        f"/api/stories/{blog.pk}/entries?limit=5&before={first['next_before']}"
    ).json()
    assert [e["id"] for e in rest["items"]] == [made[2].pk, made[1].pk, made[0].pk]
    assert rest["next_before"] is None
    one = client.get(f"/api/stories/{blog.pk}/entries/{made[1].pk}").json()
    assert one["key_event"] is True and one["body"] == "<p>Entry 1</p>"
    assert one["url"].endswith(f"#entry-{made[1].pk}")


def test_api_hides_drafts_and_articles(client, newsroom):
    draft = newsroom.story("Draft live", kind="live", status="draft")
    article = newsroom.story("Article")
    assert client.get(f"/api/stories/{draft.pk}/entries").status_code == 404
    assert client.get(f"/api/stories/{article.pk}/entries").status_code == 404


def test_api_breaking_alert(client, chief):
    assert client.get("/api/breaking").json() is None
    services.start_alert(chief, headline="Quake", link="https://example.org/q")
    assert client.get("/api/breaking").json()["headline"] == "Quake"


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.05, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_entries_and_alerts_reach_webhooks(newsroom, chief, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1"]
    local_http.routes["/hook"] = Reply(204)
    WebhookEndpoint.objects.create(
        url=local_http.url("/hook"),
        events=["live.entry.posted", "live.entry.deleted", "breaking.started", "breaking.ended"],
        secret="s",
    )
    blog = newsroom.story("Storm live", kind="live")
    entry = services.post_entry(blog, chief, title="Landfall", body="It hit.")
    services.edit_entry(entry, chief, body="It hit hard.")  # not subscribed
    services.delete_entry(entry, chief)
    alert = services.start_alert(chief, headline="Quake")
    alerts.end_alert(alert, chief)
    run_worker()
    payloads = [json.loads(body) for method, _, _, body in local_http.requests if method == "POST"]
    assert [p["event"] for p in payloads] == [
        "live.entry.posted",
        "live.entry.deleted",
        "breaking.started",
        "breaking.ended",
    ]
    assert payloads[0]["entry"]["title"] == "Landfall"
    assert payloads[1]["entry"]["id"] == entry.pk
    assert payloads[3]["alert"]["ended_at"]


@pytest.mark.django_db(transaction=True)
def test_an_alert_ends_by_itself_at_its_expiry(client, chief):
    alert = services.start_alert(chief, headline="Road closed", expires_in=timedelta(minutes=5))
    task = DBTaskResult.objects.get(status="READY")
    assert task.run_after == alert.expires_at
    assert "Road closed" in client.get("/").content.decode()
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    BreakingAlert.objects.filter(pk=alert.pk).update(expires_at=timezone.now())
    run_worker()
    alert.refresh_from_db()
    assert alert.ended_at is not None
    assert "Road closed" not in client.get("/").content.decode()
