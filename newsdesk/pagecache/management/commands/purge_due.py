from django.core.management.base import BaseCommand

from newsdesk.pagecache import purge


class Command(BaseCommand):
    help = (
        "Purge cached pages for scheduled stories whose time has come and at midnight. "
        "Run every minute when a front server serves cached pages without Python."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Purge every cached page.")

    def handle(self, *args, all, **options):
        if all:
            purge.store.purge_all()
            self.stdout.write("Purged every cached page.")
            return
        purge.ensure_due()
        done = purge.purge_due()
        self.stdout.write("Purged what was due." if done else "Nothing due.")
