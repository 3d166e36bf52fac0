from django.core.management.base import BaseCommand

from newsdesk.claims import ledger
from newsdesk.content.models import Story


class Command(BaseCommand):
    help = "Read every story's claims again (after a bulk write that bypassed the pipeline)."

    def handle(self, *args, **options):
        stories = Story.objects.filter(deleted_at__isnull=True).order_by("pk")
        changed = sum(ledger.refresh(story) for story in stories.iterator(chunk_size=200))
        self.stdout.write(f"Ledgers changed: {changed}.")
