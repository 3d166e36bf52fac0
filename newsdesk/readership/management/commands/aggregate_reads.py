from django.core.management.base import BaseCommand

from newsdesk.readership import aggregation


class Command(BaseCommand):
    help = "Fold the reads counted since the last run into the most-read buckets now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Take this minute's spooled reads too."
        )

    def handle(self, *args, **options):
        self.stdout.write(f"{aggregation.aggregate(everything=options['all'])} reads folded.")
