import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from newsdesk.pagecache import peers


class Command(BaseCommand):
    help = (
        "Apply the other web hosts' page-cache purges to this host's cache as they happen "
        "(NEWSDESK_PAGE_CACHE_PEERS). Run one beside the web server on every host."
    )

    def handle(self, *args, **options):
        if not peers.enabled():
            raise CommandError("NEWSDESK_PAGE_CACHE_PEERS is not set: one host needs no follower.")
        stop = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.set())

        def ready():
            self.stdout.write(f"Following page-cache purges for {peers.origin()}", ending="\n")
            self.stdout.flush()

        peers.follow(stop, ready=ready)
