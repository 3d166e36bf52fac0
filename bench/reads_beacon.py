"""The read beacon under load: requests/s of `POST /reads/<id>` on this machine, with wrk.

    .venv/bin/python bench/reads_beacon.py --stories 2000 --duration 10

Starts `newsdesk serve` (granian, cores + 1 workers) on its own corpus and prints, each
measured with wrk on loopback:
  new reads   every request a different reader (X-Forwarded-For varies): one INSERT each;
  reloads     the same readers again: the INSERT meets the unique constraint;
  robots      a crawler's user agent: refused before the database;
  front       new reads through nginx (deploy/nginx/newsdesk.conf), as deployed;
  story page  the story page from the page cache, for scale (what a read accompanies);
then the aggregation of what was counted: reads folded per second.
DATABASE_URL / CACHE_URL in the environment choose PostgreSQL / Redis; SQLite otherwise.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import (  # noqa: E402
    APP_PORT,
    FRONT_PORT,
    fetch,
    prepare,
    run_cli,
    start_app,
    start_nginx,
    stop,
)

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SCRIPT = """
local ids = {%(ids)s}
local agent = "%(agent)s"
local readers = %(readers)d
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local n = math.random(readers)
  local address = "10." .. (n %% 250) .. "." .. (math.floor(n / 250) %% 250) .. ".7"
  local headers = {["User-Agent"] = agent, ["Sec-Fetch-Site"] = "same-origin",
                   ["X-Forwarded-For"] = address, ["Content-Length"] = "0"}
  return wrk.format("POST", "/reads/" .. ids[math.random(#ids)], headers)
end
"""


def wrk(url, duration, script=None, threads=2, connections=16) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"50%\s+([\d.]+\w+)", out).group(1),
        "p99": re.search(r"99%\s+([\d.]+\w+)", out).group(1),
        "errors": int(bad.group(1)) if bad else 0,
    }


def lua(workdir: Path, name: str, ids, agent: str, readers: int) -> str:
    path = workdir / f"{name}.lua"
    text = SCRIPT % {"ids": ",".join(map(str, ids)), "agent": agent, "readers": readers}
    path.write_text(text)
    return str(path)


STORY_IDS = """
from newsdesk.content.services.visibility import live_stories
newest = live_stories().order_by("-published_at").values_list("pk", flat=True)[:500]
print(",".join(str(pk) for pk in newest))
"""
AGGREGATE = """
import time
from newsdesk.readership import aggregation, spool
pending = sum(len(f.read_text().splitlines()) for f in spool.directory().glob("*.tsv"))
started = time.perf_counter()
aggregation.aggregate(everything=True)
elapsed = time.perf_counter() - started
print(f"{pending} {elapsed:.3f}")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--server", default="granian")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    args = parser.parse_args()
    data_dir = Path(f"/tmp/newsdesk-bench-reads-{args.stories}")
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    picked = prepare(env, args.stories)
    ids = run_cli(env, "shell", "-c", STORY_IDS, capture=True).strip().splitlines()[-1].split(",")
    database = "PostgreSQL" if "postgres" in env.get("DATABASE_URL", "") else "SQLite"
    print(
        f"{database}, {args.server} × {args.workers} workers, "
        f"wrk -t2 -c16 -d{args.duration}s, {len(ids)} stories"
    )
    app = nginx = None
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (workdir / name).mkdir()
        try:
            app = start_app(env, args.server, args.workers, cache_on=True)
            base = f"http://127.0.0.1:{APP_PORT}"
            fetch(base + picked["story"])  # cached now
            rows = {
                "new reads": (base, lua(workdir, "new", ids, CHROME, 10**6)),
                "reloads": (base, lua(workdir, "reload", ids[:5], CHROME, 20)),
                "robots": (base, lua(workdir, "robot", ids, "Googlebot/2.1", 10**6)),
            }
            nginx = start_nginx(workdir, data_dir, workdir)
            rows["front"] = (f"http://127.0.0.1:{FRONT_PORT}", rows["new reads"][1])
            # The reloads' readers must have read once already.
            wrk(base + "/", 2, rows["reloads"][1])
            for label, (origin, script) in rows.items():
                result = wrk(origin + "/", args.duration, script)
                print(
                    f"{label:<11} {result['rps']:>9.0f} req/s  p50 {result['p50']:>8}  "
                    f"p99 {result['p99']:>8}  non-2xx {result['errors']}"
                )
                time.sleep(1)
            page = wrk(base + picked["story"], args.duration)
            print(
                f"{'story page':<11} {page['rps']:>9.0f} req/s  p50 {page['p50']:>8}  "
                f"p99 {page['p99']:>8}  (page cache hit, for scale)"
            )
        finally:
            stop(nginx)
            stop(app)
    pending, seconds = run_cli(env, "shell", "-c", AGGREGATE, capture=True).split()[-2:]
    rate = int(pending) / float(seconds) if float(seconds) else 0
    print(f"aggregation {int(pending):>9} reads in {float(seconds):.2f} s: {rate:,.0f} reads/s")


if __name__ == "__main__":
    main()
