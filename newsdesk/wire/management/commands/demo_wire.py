from django.core.management.base import BaseCommand

from newsdesk.wire.demo import queue_wire_items
from newsdesk.wire.demo_updates import story_with_an_update


class Command(BaseCommand):
    help = "Queue demo wire copy from the agencies, near-duplicates among it."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=12)

    def handle(self, *args, count, **options):
        stored = queue_wire_items(count=count)
        self.stdout.write(f"Queued {stored} wire items.")
        story_with_an_update()
