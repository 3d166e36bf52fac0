"""`newsdesk worker`: run background jobs from the database queue.

django-tasks-db's worker claims and runs the jobs; beside it a housekeeping thread beats
this worker's heartbeat, puts back jobs of workers that died, and enqueues due feed polls
and the periodic jobs of other apps listed in NEWSDESK_WORKER_SCHEDULES (most read).
Start as many as you like, on as many machines as share the database.
"""

import logging
import os
import signal
import threading
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

from newsdesk.wire.services import workers

logger = logging.getLogger("newsdesk.worker")


class Housekeeping(threading.Thread):
    def __init__(self, worker_id, every, stale_after, schedule, parent_pid=0):
        super().__init__(name="newsdesk-housekeeping", daemon=True)
        self.worker_id, self.every, self.stale_after = worker_id, every, stale_after
        self.schedule, self.parent_pid = schedule, parent_pid
        self.stopped = threading.Event()

    def tick(self):
        if self.parent_pid and os.getppid() != self.parent_pid:
            logger.warning("the server this worker ran beside has stopped; stopping")
            os.kill(os.getpid(), signal.SIGTERM)
            return
        close_old_connections()
        workers.beat(self.worker_id)
        requeued = workers.requeue_orphans(self.stale_after)
        if requeued:
            logger.warning("put %d job(s) of stopped workers back on the queue", requeued)
        if self.schedule:
            workers.enqueue_due_polls()
            for enqueue_due in getattr(settings, "NEWSDESK_WORKER_SCHEDULES", ()):
                import_string(enqueue_due)()  # other apps' periodic jobs (settings.py)

    def run(self):
        try:
            # The first tick ran before the worker started; wait, then tick.
            while not self.stopped.wait(self.every):
                try:
                    self.tick()
                except Exception:  # never let housekeeping kill the worker; try again
                    logger.exception("housekeeping failed")
        finally:
            connections.close_all()


class Command(BaseCommand):
    help = "Run background jobs (feed polling, page imports, …) from the database queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=5.0,
            help="Seconds between heartbeats and housekeeping.",
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=60.0,
            help="Seconds without a heartbeat before a worker counts as dead.",
        )
        parser.add_argument("--worker-id", default="")
        parser.add_argument("--queue-name", default="*")
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=0,
            help="Stop when this process (e.g. the demo's web server) ends.",
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="Do not enqueue feed polls from this worker."
        )

    def handle(self, *args, **opts):
        worker_id = opts["worker_id"] or get_random_string(32)
        housekeeping = Housekeeping(
            worker_id,
            opts["heartbeat"],
            timedelta(seconds=opts["stale_after"]),
            schedule=not opts["no_schedule"],
            parent_pid=opts["parent_pid"],
        )
        housekeeping.tick()  # heartbeat before the first claim; due polls queued now
        housekeeping.start()
        worker = Worker(
            queue_names=opts["queue_name"].split(","),
            interval=opts["interval"],
            batch=opts["batch"],
            backend_name="default",
            startup_delay=not opts["batch"],
            max_tasks=opts["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self.stdout.write(f"newsdesk worker {worker_id} started")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            housekeeping.stopped.set()
            housekeeping.join(timeout=5)
            workers.stop(worker_id)
