"""The shipped nginx site (deploy/nginx/newsdesk.conf) run by tests, in front of an app."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PORTS = range(8600, 8650)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


class Front:
    """nginx with the shipped site config: cached pages from `pagecache`, the rest from
    `upstream`. `workdir` holds its config, pid, logs and temporary files and must be
    readable by nginx's unprivileged workers, like the page cache."""

    def __init__(self, workdir: Path, pagecache: Path, upstream: str, port: int | None = None):
        self.workdir, self.pagecache, self.upstream = Path(workdir), Path(pagecache), upstream
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def config(self) -> str:
        site = (REPO / "deploy/nginx/newsdesk.conf").read_text()
        site = (
            site.replace("@LISTEN@", f"127.0.0.1:{self.port}")
            .replace("@PAGECACHE@", str(self.pagecache))
            .replace("@STATIC@", str(self.workdir / "static"))
            .replace("@MEDIA@", str(self.workdir / "media"))
            .replace("@UPSTREAM@", self.upstream)
        )
        tmp = self.workdir
        return (
            f"daemon off; worker_processes 1; pid {tmp}/nginx.pid; "
            f"error_log {tmp}/error.log; events {{}} "
            f"http {{ access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp}; "
            f"fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp}; "
            f"{site} }}"
        )

    def start(self) -> None:
        conf = self.workdir / "nginx.conf"
        conf.write_text(self.config())
        self.process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.workdir)])
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/", timeout=1)
                return
            except urllib.error.HTTPError:
                return  # nginx answered (the app behind it may not be up)
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
