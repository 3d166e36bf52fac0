"""What compressed bodies cost the fetcher: peak memory (Python allocations, tracemalloc)
and time for a normal gzipped page, a one-layer gzip bomb and a layered (gzip, gzip) bomb,
each served by a real local HTTP server on 127.0.0.1.

    .venv/bin/python bench/fetch_bombs.py [--megabytes 256] [--max-bytes 1048576]

Prints, per case: bytes on the wire, what they would inflate to, the outcome, peak MB.
The fetcher's bound is max_bytes plus one 64 KB step; before bounded decoding the layered
case inflated in full (1.27 GB from 1,143 bytes).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def gzipped_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=256)
    parser.add_argument("--max-bytes", type=int, default=1024 * 1024)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings

    from newsdesk.net import FetchError, fetch
    from tests.localhttp import LocalServer, Reply

    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]
    page = b"<p>An ordinary page.</p>" * 2000
    cases = [
        ("page, gzip", gzip.compress(page), "gzip", len(page)),
        ("bomb, gzip", gzipped_zeros(args.megabytes), "gzip", args.megabytes << 20),
        ("bomb, gzip, gzip", gzip.compress(gzipped_zeros(args.megabytes)), "gzip, gzip", None),
    ]
    server = LocalServer()
    try:
        print(f"max_bytes = {args.max_bytes:,}")
        server.routes["/warm"] = Reply(200, page, {"Content-Type": "text/html"})
        fetch(server.url("/warm"))  # httpx's import and first connection are not measured
        for name, body, coding, inflated in cases:
            server.routes["/x"] = Reply(
                200, body, {"Content-Type": "text/html", "Content-Encoding": coding}
            )
            tracemalloc.start()
            started = time.perf_counter()
            try:
                outcome = f"{len(fetch(server.url('/x'), max_bytes=args.max_bytes).content):,} B"
            except FetchError as error:
                outcome = f"refused: {error}"
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            would = f"{inflated:,} B" if inflated else f"{args.megabytes << 20:,} B (2 layers)"
            print(
                f"{name:18} wire {len(body):>9,} B  inflates to {would:>24}  "
                f"peak {peak / 2**20:6.2f} MB  {elapsed * 1000:7.1f} ms  {outcome}"
            )
    finally:
        server.close()


if __name__ == "__main__":
    main()
