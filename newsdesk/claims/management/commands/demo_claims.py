from django.core.management.base import BaseCommand

from newsdesk.claims.demo import build_demo_claims


class Command(BaseCommand):
    help = "Read the claims of every demo story into the ledger, with a few checked by hand."

    def handle(self, *args, **options):
        result = build_demo_claims()
        self.stdout.write(f"Ledger: {result['claims']} claims from {result['stories']} stories.")
