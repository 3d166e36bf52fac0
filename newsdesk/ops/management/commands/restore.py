from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.ops.restore import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup into an empty database and media directory."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A directory written by `newsdesk backup`")

    def handle(self, *args, path, **options):
        try:
            manifest = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        stories = manifest["row_counts"].get("content.Story", 0)
        self.stdout.write(
            f"Restored {stories} stories and {len(manifest['media'])} media files "
            f"from the backup of {manifest['created_at']}; row counts verified."
        )
