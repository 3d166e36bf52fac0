from django.core.management.base import BaseCommand

from newsdesk.live.demo import build_live_demo


class Command(BaseCommand):
    help = "Add the demo's live coverage: a running live blog and a breaking alert."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=300)

    def handle(self, *args, entries, **options):
        result = build_live_demo(entries=entries)
        self.stdout.write(
            f"Live blog {result['story'].get_absolute_url()} with {result['entries']} entries; "
            f"breaking alert: {result['alert'].headline}"
        )
