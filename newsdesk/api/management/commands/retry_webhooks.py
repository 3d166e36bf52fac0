from django.core.management.base import BaseCommand

from newsdesk.api.tasks import queue_due_retries


class Command(BaseCommand):
    help = (
        "Queue webhook deliveries whose retry is due. Only needed with a task backend that "
        "cannot schedule (the database backend schedules retries by itself); run from cron."
    )

    def handle(self, *args, **options):
        count = queue_due_retries()
        self.stdout.write(f"{count} webhook deliveries queued.")
