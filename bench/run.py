"""One command: corpus → server → wrk on loopback, per page, cold and warm, nginx ceiling.

    .venv/bin/python bench/run.py --stories 20000 --duration 20

Prints, for each page, requests/s and p50/p99 latency:
  cold   the app server with the page cache off (every request renders);
  warm   the app server with the page cache on (hits answered by Python from files);
  front  nginx in front (deploy/nginx/newsdesk.conf): cached pages served without Python;
  ceil   the same page saved as a plain static file and served by nginx: the ceiling.
Plus the biggest web worker's RSS after the cold run. Nothing here is a test; it measures.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APP_PORT, FRONT_PORT, CEIL_PORT = 8310, 8311, 8312
PICK_URLS = """
import json
from newsdesk.content.models import Section, Story
from newsdesk.content.services.lists import StoryList
stories = StoryList.everything().stories()
story = stories[500]
section = Section.objects.order_by("order").first()
print(json.dumps({"story": story.get_absolute_url(), "section": section.get_absolute_url(),
                  "stories": stories.count()}))
"""


def run_cli(env, *args, capture=False):
    command = [PYTHON, "-m", "newsdesk.cli", *args]
    if capture:
        return subprocess.run(
            command, env=env, cwd=REPO, check=True, capture_output=True, text=True
        ).stdout
    subprocess.run(command, env=env, cwd=REPO, check=True)
    return ""


def prepare(env, stories):
    """Migrate, collect static files, fill up to `stories`; the URLs to load."""
    run_cli(env, "migrate", "-v0")
    run_cli(env, "collectstatic", "--noinput", "-v0")
    count = "from newsdesk.content.models import Story; print(Story.objects.count())"
    have = int(run_cli(env, "shell", "-c", count, capture=True).strip().splitlines()[-1])
    if have < stories:
        corpus = [PYTHON, str(REPO / "bench" / "make_corpus.py"), "--stories", str(stories - have)]
        subprocess.run(corpus, env=env, cwd=REPO, check=True)
    return json.loads(run_cli(env, "shell", "-c", PICK_URLS, capture=True).strip().splitlines()[-1])


def fetch(url) -> bytes:
    """The body, whatever the status (a page missing on this branch is measured as it is)."""
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (loopback)
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def wait_for(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


def start_app(env, server, workers, cache_on):
    env = {**env, "NEWSDESK_PAGE_CACHE": "1" if cache_on else "0"}
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "newsdesk.cli",
            "serve",
            "--port",
            str(APP_PORT),
            "--server",
            server,
            "--workers",
            str(workers),
            "--quiet",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{APP_PORT}/")
    return process


def stop(process):
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_rss_mb(process) -> float:
    """The largest resident set among the server's processes, in MB."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    own = subprocess.run(
        ["ps", "-o", "rss=", "-p", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = [int(x) for x in out] or [int(x) for x in own]
    return max(sizes) / 1024 if sizes else 0.0


def start_nginx(workdir: Path, data_dir: Path, ceiling: Path):
    site = (REPO / "deploy/nginx/newsdesk.conf").read_text()
    site = (
        site.replace("@LISTEN@", f"127.0.0.1:{FRONT_PORT}")
        .replace("@PAGECACHE@", str(data_dir / "pagecache"))
        .replace("@STATIC@", str(data_dir / "static"))
        .replace("@MEDIA@", str(data_dir / "media"))
        .replace("@UPSTREAM@", f"127.0.0.1:{APP_PORT}")
    )
    conf = workdir / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=1000 inactive=20s;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    {site}
    server {{
        listen 127.0.0.1:{CEIL_PORT};
        root {ceiling};
        location / {{ try_files $uri/index.html =404; }}
    }}
}}
""")
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(workdir)],
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{CEIL_PORT}/")
    return process


def wrk(url, duration, threads, connections):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(bad.group(1)) if bad else 0}


def main():
    global APP_PORT, FRONT_PORT, CEIL_PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument(
        "--cached-duration",
        type=int,
        default=None,
        help="seconds per cached run (warm, front, ceil); default --duration",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--server", default="granian", choices=["gunicorn", "granian"])
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--modes", default="cold,warm,front,ceil")
    parser.add_argument("--pages", default="")
    parser.add_argument("--search-word", default="diplomacy")
    parser.add_argument(
        "--port",
        type=int,
        default=APP_PORT,
        help=f"the app's port; nginx's front and ceiling the next two (default {APP_PORT})",
    )
    args = parser.parse_args()
    APP_PORT, FRONT_PORT, CEIL_PORT = args.port, args.port + 1, args.port + 2

    data_dir = Path(args.data_dir or f"/tmp/newsdesk-bench-{args.stories}").resolve()
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(REPO),
    }
    picked = prepare(env, args.stories)
    pages = {
        "home": "/",
        "story": picked["story"],
        "archive p2": "/blog/page/2/",
        "archive p556": "/blog/page/556/",
        "archive p1000": "/blog/page/1000/",
        "archive p1900": "/blog/page/1900/",
        "section": picked["section"],
        "feed": "/feeds/rss/",
        "search": f"/search/?q={args.search_word}",
    }
    if args.pages:
        pages = {name: url for name, url in pages.items() if name in args.pages.split(",")}
    modes = args.modes.split(",")
    print(
        f"# {picked['stories']:,} live stories, {args.server} × {args.workers} workers, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency",
        flush=True,
    )
    results = {name: {} for name in pages}
    workdir = data_dir / "nginx"
    ceiling = data_dir / "ceiling"
    for sub in ("", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    app = nginx = None
    try:
        app = start_app(env, args.server, args.workers, cache_on=False)
        rss = 0.0
        for name, url in pages.items():
            body = fetch(f"http://127.0.0.1:{APP_PORT}{url}")
            target = ceiling / name.replace(" ", "-")
            target.mkdir(parents=True, exist_ok=True)
            (target / "index.html").write_bytes(body)
            if "cold" in modes:
                results[name]["cold"] = wrk(
                    f"http://127.0.0.1:{APP_PORT}{url}",
                    args.duration,
                    args.threads,
                    args.connections,
                )
                results[name]["cold"]["rss"] = worker_rss_mb(app)
                rss = max(rss, results[name]["cold"]["rss"])
                print(name, "cold", results[name]["cold"], flush=True)
        stop(app)
        subprocess.run(
            [PYTHON, "-m", "newsdesk.cli", "purge_due", "--all"],
            env=env,
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        app = start_app(env, args.server, args.workers, cache_on=True)
        nginx = start_nginx(workdir, data_dir, ceiling)
        for name, url in pages.items():
            fetch(f"http://127.0.0.1:{APP_PORT}{url}")  # fills the page cache
            for mode, base in [
                ("warm", f"http://127.0.0.1:{APP_PORT}"),
                ("front", f"http://127.0.0.1:{FRONT_PORT}"),
                ("ceil", f"http://127.0.0.1:{CEIL_PORT}"),
            ]:
                if mode not in modes:
                    continue
                target = f"/{name.replace(' ', '-')}/" if mode == "ceil" else url
                results[name][mode] = wrk(
                    base + target,
                    args.cached_duration or args.duration,
                    args.threads,
                    args.connections,
                )
                print(name, mode, results[name][mode], flush=True)
    finally:
        stop(app)
        stop(nginx)
    print()
    print("| page | " + " | ".join(f"{m} req/s | {m} p50 | {m} p99" for m in modes) + " |")
    print("|---|" + "---:|---:|---:|" * len(modes))
    for name, by_mode in results.items():
        cells = []
        for mode in modes:
            r = by_mode.get(mode)
            note = f" ({r['errors']} non-2xx)" if r and r["errors"] else ""
            cells += [f"{r['rps']:,.1f}{note}", r["p50"], r["p99"]] if r else ["–"] * 3
        print(f"| {name} | " + " | ".join(cells) + " |")
    if "cold" in modes:
        sizes = ", ".join(
            f"{name} {by_mode['cold']['rss']:.0f}" for name, by_mode in results.items()
        )
        print(f"\nLargest web worker RSS after each page's cold run (MB): {sizes}")
        print(f"Largest web worker RSS after the cold run: {rss:.0f} MB")
    if "archive p2" in results and "archive p1000" in results and "cold" in modes:
        ratio = results["archive p2"]["cold"]["rps"] / results["archive p1000"]["cold"]["rps"]
        print(f"Depth: page 1,000 / page 2 latency ratio (by req/s, cold) = {ratio:.2f}")


if __name__ == "__main__":
    main()
