"""Reads on their way in: the beacon appends a line to a file of this minute and process,
touching no database; the worker takes the files of minutes that are over into the `Read`
table, where a reload meets the unique constraint. Taking is safe to repeat (a file taken
twice, after a crash, adds nothing) and a file is deleted once taken.

Each web host spools to its own disk: with several hosts, run a worker on each (its
housekeeping takes this host's files, see settings NEWSDESK_WORKER_SCHEDULES).
"""

import logging
import os
import socket
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newsdesk.readership.models import Read

logger = logging.getLogger(__name__)
MINUTE = "%Y%m%d%H%M"
BATCH = 2000
_HOST = socket.gethostname().replace("-", "_")[:40]


def directory() -> Path:
    return Path(settings.NEWSDESK_READS_SPOOL_DIR)


def append(story_id: int, day, visitor: str, at: datetime) -> None:
    """One line, one write: O_APPEND writes this small are never interleaved."""
    folder = directory()
    name = f"{at.strftime(MINUTE)}-{_HOST}-{os.getpid()}.tsv"
    line = f"{story_id}\t{day.isoformat()}\t{visitor}\t{at.isoformat()}\n".encode()
    try:
        fd = os.open(folder / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def _parse(line: str) -> Read | None:
    try:
        story_id, day, visitor, at = line.rstrip("\n").split("\t")
        return Read(
            story_id=int(story_id),
            day=datetime.fromisoformat(day).date(),
            visitor=visitor[:32],
            at=datetime.fromisoformat(at),
        )
    except ValueError:
        return None  # a line cut short by a full disk: one read lost, not the file


def take(now=None, everything: bool = False) -> int:
    """Move the reads of finished minutes (all, with `everything`) into the database; the
    number of lines taken. A minute is finished a full minute after it ends, so no
    beacon is still writing to its files."""
    now = now or timezone.now()
    cutoff = (now - timedelta(minutes=1)).strftime(MINUTE)
    try:
        files = sorted(p for p in directory().iterdir() if p.suffix == ".tsv")
    except FileNotFoundError:
        return 0
    taken = 0
    for path in files:
        if not everything and path.name[: len(cutoff)] >= cutoff:
            continue
        reads = [read for line in path.read_text().splitlines() if (read := _parse(line))]
        Read.objects.bulk_create(reads, batch_size=BATCH, ignore_conflicts=True)
        path.unlink(missing_ok=True)
        taken += len(reads)
    return taken


def take_due() -> None:
    """The worker's housekeeping: this host's finished minutes, every few seconds."""
    taken = take()
    if taken:
        logger.info("took %d reads from the spool", taken)
