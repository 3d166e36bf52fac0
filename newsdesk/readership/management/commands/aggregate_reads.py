from django.core.management.base import BaseCommand

from newsdesk.readership import aggregation


class Command(BaseCommand):
    help = "Fold the reads counted since the last run into the most-read buckets now."

    def handle(self, *args, **options):
        self.stdout.write(f"{aggregation.aggregate()} reads folded.")
