import os
import sys

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from newsdesk.content.models import Story


class Command(BaseCommand):
    help = "Set up a demo newsroom (editor account, 650 stories, pictures) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--stories", type=int, default=650)
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not serve.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Serve without a background worker."
        )

    def handle(self, *args, host, port, stories, no_serve, no_worker=False, **options):
        from newsdesk.content.demo.newsroom import build_newsroom

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        username = os.environ.get("NEWSDESK_DEMO_USER", "editor")
        password = os.environ.get("NEWSDESK_DEMO_PASSWORD", "newsdesk-demo")
        call_command("createeditor", username, password=password, superuser=True, verbosity=0)
        if Story.objects.exists():
            self.stdout.write("Demo content is already there; keeping it.")
        else:
            from rich.progress import Progress

            with Progress() as bar:
                task = bar.add_task("Writing the demo newsroom", total=stories)
                result = build_newsroom(
                    stories=stories, progress=lambda done, total: bar.update(task, completed=done)
                )
            self.stdout.write(
                f"Created {result['stories']} stories in {result['sections']} sections "
                f"({result['photo_stories']} of them photo stories)."
            )
            if result["other_editions"]:
                self.stdout.write(f"And {result['other_editions']} in the other editions.")
            if apps.is_installed("newsdesk.wire"):  # the wire desk's queue, by its own command
                call_command("demo_wire")
            if apps.is_installed("newsdesk.live"):  # a live blog and a breaking alert
                call_command("demo_live")
            if apps.is_installed("newsdesk.readership"):  # a week of reads for Most read
                call_command("demo_readership")
            if apps.is_installed("newsdesk.trust"):  # an event across agencies, a correction
                call_command("demo_trust")
            if apps.is_installed("newsdesk.claims"):  # figures and who gave them
                call_command("demo_claims")
        self.stdout.write(
            self.style.SUCCESS(
                f"\nNewsdesk demo: http://{host}:{port}/\n"
                f"Desk:          http://{host}:{port}/desk/  "
                f"user {username!r}, password {password!r}\n"
                f"Admin:         http://{host}:{port}/admin/  (operators)\n"
                f"Data dir:      {settings.DATA_DIR}\n"
            )
        )
        if not no_serve:
            sys.stdout.flush()
            if not no_worker:
                self._start_worker()
            call_command("serve", host=host, port=port)

    def _start_worker(self):
        """One background worker beside the web server. `serve` replaces this process
        with gunicorn (same pid), and the worker stops when that pid goes away."""
        import subprocess

        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "newsdesk.cli", "worker", "--parent-pid", str(os.getpid())],
            env=os.environ.copy(),
        )
        self.stdout.write("Background worker started (newsdesk worker).")
