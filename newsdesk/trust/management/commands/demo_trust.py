from django.core.management.base import BaseCommand

from newsdesk.trust.demo import build_trust_demo


class Command(BaseCommand):
    help = "Add the demo's event covered by three agencies, its story's origins and a correction."

    def handle(self, *args, **options):
        self.stdout.write(f"Trust demo: {build_trust_demo()}")
