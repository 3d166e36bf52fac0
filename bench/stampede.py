"""A busy page purged while many readers ask for it: renders per purge, readers' latency.

    .venv/bin/python bench/stampede.py --readers 200 --purges 10

Starts `newsdesk serve` (page cache on) on a small corpus, fills the home page, then for
each purge: deletes the home page from the cache (as a publish does) and lets `--readers`
threads ask for it at the same moment. Prints renders per purge (each write of a page
leaves index entries of its own) and the readers' p50/p99/max latency across all purges,
beside the same burst on the cached page (what the client and server cost without a render).
"""

import argparse
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import APP_PORT, REPO, prepare, start_app, stop  # noqa: E402


def renders(store, path: str) -> int:
    first_key = store.surrogate_keys(path).split()[0]
    return len(list((store.root() / "_keys" / first_key).glob(f"{store.digest(path)}.*")))


def all_at_once(url: str, readers: int) -> list[float]:
    start = threading.Barrier(readers)
    latencies = []

    def read():
        start.wait()
        began = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
            response.read()
        latencies.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--purges", type=int, default=10)
    parser.add_argument("--server", default="granian", choices=["gunicorn", "granian"])
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    data_dir = Path(f"/tmp/newsdesk-stampede-{args.stories}").resolve()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(REPO),
    }
    prepare(env, args.stories)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="newsdesk.settings")
    import django

    django.setup()
    from newsdesk.pagecache import store

    server = start_app(env, args.server, args.workers, cache_on=True)
    url = f"http://127.0.0.1:{APP_PORT}/"
    try:
        urllib.request.urlopen(url).read()  # noqa: S310 (loopback)
        per_purge, latencies, hits = [], [], []
        for _ in range(args.purges):
            hits += all_at_once(url, args.readers)  # the same burst on a cached page
            store.purge_keys(store.surrogate_keys("/").split())
            latencies += all_at_once(url, args.readers)
            per_purge.append(renders(store, "/"))
        print(
            f"{args.readers} readers at once after each of {args.purges} purges of the home "
            f"page, {args.server} × {args.workers} workers, load "
            + ", ".join(f"{n:.1f}" for n in os.getloadavg())
        )
        print(f"renders per purge: {per_purge}")
        for name, figures in (("after a purge", latencies), ("page cached", hits)):
            figures.sort()
            p99 = figures[int(len(figures) * 0.99) - 1]
            print(
                f"readers' latency ms, {name}: p50 {statistics.median(figures):.0f}, "
                f"p99 {p99:.0f}, max {figures[-1]:.0f}"
            )
    finally:
        stop(server)


if __name__ == "__main__":
    main()
