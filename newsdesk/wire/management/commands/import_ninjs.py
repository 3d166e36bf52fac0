"""`newsdesk import-ninjs PATH…`: ninjs JSON files, or every *.json in a folder (a drop
folder agencies write to; run it from cron or with --watch)."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsdesk.content.models import Source
from newsdesk.wire.models import ItemStatus
from newsdesk.wire.services.ninjs import import_ninjs


class Command(BaseCommand):
    help = "Import IPTC ninjs 1.x/2.x/3.x JSON files (or folders of them) into the wire queue."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--source", help="slug of the agency (content Source)")
        parser.add_argument(
            "--user", help="username in whose name pictures are added to the media library"
        )
        parser.add_argument(
            "--watch", type=float, default=0, help="Look again every N seconds (a watched folder)."
        )

    def handle(self, *args, paths, source, watch, user, **options):
        self.user = None
        if user:
            self.user = get_user_model().objects.filter(username=user).first()
            if self.user is None:
                raise CommandError(f"No user named {user!r}.")
        agency = None
        if source:
            agency = Source.objects.filter(slug=source).first()
            if agency is None:
                raise CommandError(f"No source with the slug {source!r}.")
        while True:
            self._once([Path(p) for p in paths], agency)
            if not watch:
                return
            time.sleep(watch)

    def _once(self, paths, agency):
        files = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(path.glob("*.json")))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {path}")
        counts = {"new": 0, "already there": 0, "failed": 0}
        for file in files:
            item = import_ninjs(file.read_bytes(), source=agency, user=self.user)
            if item is None:
                counts["already there"] += 1
            elif item.status == ItemStatus.FAILED:
                counts["failed"] += 1
                self.stderr.write(f"{file}: {item.error} (kept as wire item {item.pk})")
            else:
                counts["new"] += 1
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
