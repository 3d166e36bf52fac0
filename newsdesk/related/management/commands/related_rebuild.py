from django.core.management.base import BaseCommand

from newsdesk.related import refresh


class Command(BaseCommand):
    help = "Index every story's terms again and work out every live story's related stories."

    def handle(self, *args, **options):
        changed = refresh.rebuild()
        self.stdout.write(f"Related stories worked out; {changed} lists changed.")
