"""`newsdesk search-rebuild`: rebuild the full-text index from the story table, with a
progress bar. Use after bulk loads that bypassed the database (restores, imports)."""

from django.core.management.base import BaseCommand
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from newsdesk.search.backends import backend_for


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every story."

    def handle(self, *args, **options):
        backend = backend_for()
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not self.stdout.isatty(),
        ) as progress:
            task = progress.add_task(f"Indexing stories ({backend.vendor})", total=None)

            def report(done, total):
                progress.update(task, completed=done, total=total)

            count = backend.rebuild(report)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} stories ({backend.vendor})."))
