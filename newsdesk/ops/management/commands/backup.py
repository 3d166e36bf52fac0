from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database and media, with a manifest."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty directory")

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        stories = manifest["row_counts"].get("content.Story", 0)
        self.stdout.write(
            f"Backed up {manifest['engine']} database ({stories} stories) and "
            f"{len(manifest['media'])} media files to {output}"
        )
