"""Search latency of this checkout against another, query by query, on the same corpus.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_search_bench \\
        python bench/search_pairs.py --baseline ../newsdesk-before --queries 40

On a shared or virtual machine the speed of the whole machine drifts by half within
minutes, so two runs of `search_bench.py` one after the other compare the machine's
moments more than the code. Here each checkout runs in its own long-lived process and the
two answer every query one right after the other, taking turns at going first (the first to
ask a word reads its pages from disk, the second from memory). The figures printed are
each side's p50 and the median of the per-query ratios this checkout / baseline.

The corpus must exist already (built by search_bench.py); both processes use the
configured database. Only GET /search/ is timed, through Django's full request stack.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# Run inside each checkout's own process: one query a line in, its time in ms a line out.
SERVER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("NEWSDESK_HTTPS", "0")
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
import django
django.setup()
from django.test import Client
client = Client()
print("ready", flush=True)
for line in sys.stdin:
    params = json.loads(line)
    started = time.perf_counter()
    status = client.get("/search/", params).status_code
    print(json.dumps([(time.perf_counter() - started) * 1000, status]), flush=True)
"""


class Side:
    def __init__(self, tree: Path):
        self.tree = tree
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, "-c", SERVER, str(tree)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=tree,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit(f"{tree}: the search process did not start")

    def ask(self, params: dict) -> float:
        self.process.stdin.write(json.dumps(params) + "\n")
        self.process.stdin.flush()
        elapsed, status = json.loads(self.process.stdout.readline())
        if status != 200:
            raise SystemExit(f"{self.tree}: {params} answered {status}")
        return elapsed

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed queries per kind")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE / "bench"))
    os.environ.setdefault("NEWSDESK_HTTPS", "0")
    import search_bench  # sets Django up on this checkout, to draw the queries

    writer = search_bench.Writer()
    ours, theirs = Side(HERE), Side(args.baseline.resolve())
    try:
        for params_list in search_bench.queries(writer, args.warmup, seed=12).values():
            for params in params_list:
                ours.ask(params)
                theirs.ask(params)
        print(f"\nthis checkout against {args.baseline}, each query asked by both in turn")
        print(f"{'query kind':<14}{'p50 ms':>9}{'baseline':>10}{'ratio':>8}")
        for kind, params_list in search_bench.queries(writer, args.queries).items():
            mine, baseline = [], []
            for number, params in enumerate(params_list):
                if number % 2:
                    mine.append(ours.ask(params))
                    baseline.append(theirs.ask(params))
                else:
                    baseline.append(theirs.ask(params))
                    mine.append(ours.ask(params))
            ratio = statistics.median(a / b for a, b in zip(mine, baseline, strict=True))
            print(
                f"{kind:<14}{statistics.median(mine):>9.1f}{statistics.median(baseline):>10.1f}"
                f"{ratio:>8.2f}"
            )
    finally:
        ours.close()
        theirs.close()


if __name__ == "__main__":
    main()
