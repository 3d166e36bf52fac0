from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, Progress, TimeRemainingColumn, TransferSpeedColumn
from rich.table import Table

from newsdesk.wire.services.wxr import WXRError, import_wxr


class Command(BaseCommand):
    help = "Import a WordPress WXR export (posts, pages, categories, tags, authors, media)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--no-download", action="store_true", help="Keep attachment URLs; fetch nothing."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, no_download, no_progress, **options):
        console = Console(file=self.stdout, force_terminal=False, soft_wrap=True)
        try:
            if no_progress:
                report = import_wxr(file, download=not no_download)
            else:
                with Progress(
                    "[progress.description]{task.description}",
                    BarColumn(),
                    "[progress.percentage]{task.percentage:>3.0f}%",
                    TransferSpeedColumn(),
                    TimeRemainingColumn(),
                    console=Console(stderr=True),
                ) as bar:
                    task = bar.add_task("Importing", total=None)
                    report = import_wxr(
                        file,
                        download=not no_download,
                        progress=lambda done, total: bar.update(task, completed=done, total=total),
                    )
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except WXRError as exc:
            partial = getattr(exc, "report", None)
            if partial is not None:
                self._print(console, partial)
                console.print(
                    "Everything listed above was imported completely; run the "
                    "command again on a fixed file to carry on."
                )
            raise CommandError(str(exc)) from exc
        self._print(console, report)

    def _print(self, console, report):
        table = Table(title=f"WordPress import (WXR {report.version})")
        table.add_column("what")
        table.add_column("count", justify="right")
        for name, count in sorted(report.counts.items()):
            table.add_row(name, str(count))
        console.print(table)
        if report.held:
            console.print(f"Imported, but not as they were: {len(report.held)} item(s):")
            for kind, foreign_id, title, reason in report.held:
                console.print(f"  {kind} {foreign_id} {title!r}: {reason}")
        if report.skipped:
            console.print(f"Skipped {len(report.skipped)} item(s):")
            for kind, foreign_id, title, reason in report.skipped:
                console.print(f"  {kind} {foreign_id} {title!r}: {reason}")
