"""`newsdesk worker`: jobs from the database queue, scheduling, and (on PostgreSQL) two
worker processes sharing the queue, one of them killed mid-job."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from newsdesk.content.models import Source
from newsdesk.wire.models import Feed, WireItem, WireSource, WorkerHeartbeat
from tests.localhttp import Reply
from tests.wire.jobs import mark

ROOT = Path(__file__).resolve().parents[2]
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Polled by the worker</title><guid>w-1</guid>"
    "<link>https://agency.example/w1</link><description>Body</description></item>"
    "</channel></rss>"
)


@pytest.mark.django_db(transaction=True)
def test_worker_polls_due_feeds_and_runs_jobs(local_http, settings, tmp_path):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/rss"] = Reply(200, RSS.encode(), {"Content-Type": "application/rss+xml"})
    wire = WireSource.objects.create(source=Source.objects.create(name="Agency"))
    Feed.objects.create(wire_source=wire, url=local_http.url("/rss"))
    log = tmp_path / "runs.log"
    mark.enqueue(str(log), "one")
    call_command("worker", "--batch", "--heartbeat", "60", "--interval", "0")
    assert WireItem.objects.get().headline == "Polled by the worker"
    assert log.read_text().count("end one") == 1
    # The poll, the job, and the most-read aggregation (due when a worker first starts).
    done = DBTaskResult.objects.filter(status="SUCCESSFUL")
    assert done.count() == 3
    assert done.filter(task_path__endswith="aggregate_reads_job").count() == 1
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops says so


def _worker(*args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsdesk.cli",
            "worker",
            "--no-schedule",
            "--interval",
            "0.05",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _lines(log):
    return log.read_text().splitlines() if log.exists() else []


postgres_only = pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="several worker processes need a shared server database (PostgreSQL)",
)


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_without_running_a_job_twice(tmp_path):
    log = tmp_path / "runs.log"
    for n in range(60):
        mark.enqueue(str(log), f"job{n}", 0.05)
    workers = [_worker("--batch"), _worker("--batch")]
    for process in workers:
        assert process.wait(timeout=90) == 0, process.stderr.read().decode()
    ends = Counter(line.split()[1] for line in _lines(log) if line.startswith("end"))
    starts = Counter(line.split()[1] for line in _lines(log) if line.startswith("start"))
    assert ends == Counter({f"job{n}": 1 for n in range(60)})
    assert starts == ends
    pids = {line.split()[2] for line in _lines(log)}
    assert len(pids) == 2  # both workers took jobs
    results = DBTaskResult.objects.all()  # the jobs and the most-read aggregation
    assert all(r.status == "SUCCESSFUL" and len(r.worker_ids) == 1 for r in results)


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_job_of_a_killed_worker_is_run_by_another(tmp_path):
    log = tmp_path / "runs.log"
    mark.enqueue(str(log), "slow", 5)
    first = _worker("--heartbeat", "0.5", "--stale-after", "2")
    try:
        assert _wait_for(lambda: any(x.startswith("start slow") for x in _lines(log)), 30)
        for n in range(5):
            mark.enqueue(str(log), f"quick{n}")
        first.send_signal(signal.SIGKILL)  # mid-job: no chance to clean up
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    second = _worker("--heartbeat", "0.5", "--stale-after", "2")
    try:
        assert _wait_for(lambda: any(x.startswith("end slow") for x in _lines(log)), 60)
        marks = DBTaskResult.objects.filter(task_path=mark.module_path)  # not the aggregation
        assert _wait_for(lambda: marks.filter(status="SUCCESSFUL").count() == 6, 30)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=15)
    lines = _lines(log)
    assert sum(x.startswith("start slow") for x in lines) == 2  # begun, killed, begun again
    assert sum(x.startswith("end slow") for x in lines) == 1  # finished exactly once
    for n in range(5):
        assert sum(x.startswith(f"end quick{n} ") for x in lines) == 1
    slow = DBTaskResult.objects.get(args_kwargs__args__1="slow")
    assert len(slow.worker_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_page_import_in_the_background(client, editor, local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    local_http.routes["/page"] = Reply(
        200,
        b"<html lang='en'><head><title>Background page</title></head><body><article>"
        b"<h1>Background page</h1><p>"
        + b"A sentence of the story body text. " * 20
        + b"</p></article></body></html>",
        {"Content-Type": "text/html"},
    )
    client.force_login(editor)
    response = client.post(
        "/desk/wire/import/url/", {"url": local_http.url("/page"), "background": "on"}
    )
    assert response.status_code == 302 and WireItem.objects.count() == 0
    call_command("worker", "--batch", "--heartbeat", "60", "--interval", "0", "--no-schedule")
    assert WireItem.objects.get().headline == "Background page"
    settings.NEWSDESK_FETCH_ALLOW = []
    response = client.post(
        "/desk/wire/import/url/", {"url": local_http.url("/page"), "background": "on"}
    )
    assert response.status_code == 400 and not DBTaskResult.objects.filter(status="READY")
