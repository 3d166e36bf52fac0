from django.core.management.base import BaseCommand

from newsdesk.content.services import trash


class Command(BaseCommand):
    help = "Delete for good the stories that have been in the trash longer than the limit."

    def handle(self, *args, **options):
        count = trash.purge_expired()
        self.stdout.write(f"Purged {count} stories older than {trash.trash_days()} days.")
