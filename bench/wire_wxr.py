"""WordPress WXR import: posts/s and peak memory for a generated export.

    .venv/bin/python bench/wire_wxr.py [--posts 100000] [--keep FILE]

Generates the export (streamed to a temp file), then imports it into a fresh SQLite
database (or DATABASE_URL) without downloading attachments. Peak RSS is the process'
maximum resident set size; the import streams, so it should not grow with the file.
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--keep", help="write the export here and keep it")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="wire-wxr-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ.setdefault("NEWSDESK_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.wxr_generate import generate
    from newsdesk.wire.services.wxr import import_wxr

    call_command("migrate", verbosity=0)
    export = Path(args.keep) if args.keep else workdir / "export.xml"
    started = time.perf_counter()
    generate(export, args.posts)
    size_mb = export.stat().st_size / 1e6
    print(
        f"export: {args.posts} posts, {size_mb:.0f} MB, written in "
        f"{time.perf_counter() - started:.0f}s"
    )
    before = rss_mb()
    started = time.perf_counter()
    report = import_wxr(export, download=False)
    elapsed = time.perf_counter() - started
    created = report.counts["posts created"]
    print(
        f"imported {created} posts in {elapsed:.0f}s -> {created / elapsed:.0f} posts/s "
        f"({size_mb / elapsed:.2f} MB/s)"
    )
    print(f"peak RSS: {rss_mb():.0f} MB (before the import: {before:.0f} MB)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.keep:
        export.unlink()


if __name__ == "__main__":
    main()
