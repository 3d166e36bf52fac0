from django.core.management.base import BaseCommand
from django.utils import timezone

from newsdesk.readership import aggregation, demo


class Command(BaseCommand):
    help = "Give the demo newsroom a week of believable reads, so Most read shows."

    def handle(self, *args, **options):
        reads = demo.fake_reads()
        aggregation.tally()
        aggregation.refresh_lists(timezone.now())
        self.stdout.write(f"{reads:,} reads over the last 7 days for Most read.")
