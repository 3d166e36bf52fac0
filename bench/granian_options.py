"""granian's options, measured: workers, blocking threads, backpressure, runtime mode, on
the same pages with the page cache off, in interleaved rounds (load from elsewhere hits
every configuration alike).

    .venv/bin/python bench/granian_options.py --stories 20000 --duration 10

Each configuration is passed to `newsdesk serve` as granian's own environment variables
(GRANIAN_BLOCKING_THREADS, …), which is also how a deployment would set them.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import APP_PORT, prepare, start_app, stop, worker_rss_mb, wrk  # noqa: E402

CONFIGS = {
    "w3": (3, {}),  # granian's defaults: blocking threads = backpressure / 2 (≈ 170 per worker)
    "w2": (2, {}),
    "w4": (4, {}),
    "w3-bt1": (3, {"GRANIAN_BLOCKING_THREADS": "1"}),
    "w3-bt2": (3, {"GRANIAN_BLOCKING_THREADS": "2"}),
    "w3-bt4": (3, {"GRANIAN_BLOCKING_THREADS": "4"}),
    "w2-bt1": (2, {"GRANIAN_BLOCKING_THREADS": "1"}),
    "w2-bt2": (2, {"GRANIAN_BLOCKING_THREADS": "2"}),
    "w3-bp2": (3, {"GRANIAN_BACKPRESSURE": "2"}),
    "w3-st": (3, {"GRANIAN_RUNTIME_MODE": "st"}),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--configs", default="", help="comma-separated keys of CONFIGS (default: all)"
    )
    args = parser.parse_args()
    data_dir = Path(f"/tmp/newsdesk-bench-{args.stories}")
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    picked = prepare(env, args.stories)
    pages = {"story": picked["story"], "archive p556": "/blog/page/556/"}
    configs = {
        name: config
        for name, config in CONFIGS.items()
        if not args.configs or name in args.configs.split(",")
    }
    results = {name: {page: [] for page in pages} for name in configs}
    rss = dict.fromkeys(configs, 0.0)
    for _ in range(args.rounds):
        for name, (workers, extra) in configs.items():
            app = start_app({**env, **extra}, "granian", workers, cache_on=False)
            try:
                for page, url in pages.items():
                    run = wrk(f"http://127.0.0.1:{APP_PORT}{url}", args.duration, 2, 16)
                    results[name][page].append(run["rps"])
                rss[name] = max(rss[name], worker_rss_mb(app))
            finally:
                stop(app)
            print(name, {page: runs[-1] for page, runs in results[name].items()}, flush=True)
    print(f"\n| granian ({args.rounds} rounds, median req/s) | " + " | ".join(pages) + " | RSS |")
    print("|---|" + "---:|" * (len(pages) + 1))
    for name in configs:
        cells = [f"{statistics.median(results[name][page]):,.0f}" for page in pages]
        print(f"| {name} | " + " | ".join(cells) + f" | {rss[name]:.0f} MB |")


if __name__ == "__main__":
    main()
