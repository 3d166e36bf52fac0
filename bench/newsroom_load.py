"""A sustained newsroom load against real processes: `newsdesk serve` (granian, two workers)
with the shipped nginx front, while desk editors, API clients (If-Match), admin editors, a
workflow editor (publish, unpublish, corrections) and readers work at once on the same
stories. Each writer adds a marked paragraph to the body it read, so a lost edit or a
stale page is counted exactly (tests/concurrency/newsroom_load.py).

    .venv/bin/python bench/newsroom_load.py [--seconds 120] [--stories 3] [--postgres URL]

Prints the confirmed writes by kind, the refusals (conflicts), pages read, and the lost
edits, stale pages and server errors — all three should be 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.concurrency.newsroom_load import Newsroom  # noqa: E402
from tests.concurrency.postgres import scratch_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--stories", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL URL; a scratch database is made there")
    args = parser.parse_args()
    with scratch_database(args.postgres) as database_url:
        newsroom = Newsroom(stories=args.stories, database_url=database_url)
        try:
            newsroom.start()
            started = time.monotonic()
            tally = newsroom.run(args.seconds)
            elapsed = time.monotonic() - started
            log = newsroom.server_errors() if tally.errors else ""
        finally:
            newsroom.stop()
    print(f"database: {'PostgreSQL' if database_url else 'SQLite'}; front: nginx → granian ×2")
    print(f"ran {elapsed:.0f} s on {args.stories} stories")
    for name, count in sorted(tally.counts.items()):
        print(f"  {name:<36} {count:>7}  ({count / elapsed:.1f}/s)")
    print(f"lost edits: {tally.counts['lost edits']}")
    print(f"stale pages: {tally.counts['stale pages']}")
    print(f"errors (server errors, lost edits, crashed clients): {len(tally.errors)}")
    for line in [*tally.errors, *tally.stale][:20]:
        print("  ", line)
    if log:
        print("the server's log ends:\n" + log)


if __name__ == "__main__":
    main()
