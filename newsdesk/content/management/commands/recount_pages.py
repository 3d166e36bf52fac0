from django.core.management.base import BaseCommand

from newsdesk.content.services.pagecounts import rebuild_counts


class Command(BaseCommand):
    help = "Recompute the per-day story counts and month totals numbered pages are located from."

    def handle(self, *args, **options):
        rows = rebuild_counts()
        self.stdout.write(
            self.style.SUCCESS(f"Rebuilt {rows:,} page counts and their month totals.")
        )
