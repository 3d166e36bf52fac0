import os
import shutil
import socket
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.ops.staticfiles import collect_if_needed

# Chosen by measurement (bench/README.md): the faster of the two on the same pages.
DEFAULT_SERVER = "granian"


def default_workers() -> int:
    """One worker per core plus one: Django pages are CPU-bound, so more workers than cores
    only add memory and context switches (measured in bench/)."""
    return (os.cpu_count() or 1) + 1


def refuse_if_taken(host: str, port: int) -> None:
    """Stop when another server listens on the address: granian and gunicorn bind with
    SO_REUSEPORT, so they would start beside it and split its traffic without a word."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Without SO_REUSEPORT: a bind fails while anyone listens there. SO_REUSEADDR
        # only lets it ignore connections of a stopped server that are still closing.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(f"{host}:{port} is already in use ({exc.strerror}).") from exc


class Command(BaseCommand):
    help = "Serve the site with a production server (gunicorn or granian); static via whitenoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", 0)) or None,
            help="Worker processes (default: cores + 1).",
        )
        parser.add_argument(
            "--server",
            choices=["gunicorn", "granian"],
            default=os.environ.get("NEWSDESK_SERVER", DEFAULT_SERVER),
        )
        parser.add_argument("--quiet", action="store_true", help="No access log.")

    def handle(self, *args, host, port, workers, server, quiet, **options):
        workers = workers or default_workers()
        collect_if_needed(self.stdout)  # a fresh install or an upgrade serves every file
        refuse_if_taken(host, port)
        # Plain HTTP (demo, local): the site's origin is the address served here, unless
        # that is every interface (then its public name is unknown here).
        wildcard = host in ("0.0.0.0", "::", "")  # noqa: S104  (comparing, not binding)
        if not settings.HTTPS and not os.environ.get("NEWSDESK_SITE_URL") and not wildcard:
            name = f"[{host}]" if ":" in host else host
            os.environ["NEWSDESK_SITE_URL"] = f"http://{name}:{port}"
        if server == "granian":
            if not shutil.which("granian", path=os.path.dirname(sys.executable)):
                raise CommandError("granian is not installed: pip install granian")
            argv = [
                os.path.join(os.path.dirname(sys.executable), "granian"),
                "--interface",
                "wsgi",
                "--host",
                host,
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--no-ws",
                # One Python thread per worker: the page is CPU-bound under the GIL, and
                # granian's default pool made threads of one worker queue behind each
                # other (lower throughput, a longer p99 and more memory; bench/run.py).
                "--blocking-threads",
                "1",
            ]
            if not quiet:
                argv.append("--access-log")
            argv.append("newsdesk.wsgi:application")
        else:
            argv = [
                sys.executable,
                "-m",
                "gunicorn",
                "newsdesk.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--forwarded-allow-ips",
                os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ]
            if not quiet:
                argv += ["--access-logfile", "-"]
        self.stdout.write(
            f"Serving {settings.NEWSDESK_SITE_NAME} on http://{host}:{port}/ "
            f"with {workers} {server} workers"
        )
        sys.stdout.flush()
        # glibc gives each thread that allocates its own malloc arena, up to 8 per core, and
        # keeps what they free: granian's request threads grew a worker by ≈ 20 MB that way
        # (bench/README.md, "Memory"). Two arenas cost no measurable speed.
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        # A feed makes ≈ 1 MB of short-lived bytes (bodies, their escaped copies, the 370 KB
        # document). With glibc's defaults the freed top of the heap went back to the system
        # after each request and was faulted in again, page by page, on the next: a worker
        # serving feeds spent a fifth of its time there (in-process, feed only: 1.28–1.32 →
        # 1.02–1.04 ms; story page unchanged; RSS after 300 mixed requests 93 vs 90 MB).
        # Keeping up to 4 MB free, and allocations under 1 MB in the heap, avoids that.
        os.environ.setdefault("MALLOC_TRIM_THRESHOLD_", str(4 * 1024 * 1024))
        os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(1024 * 1024))
        os.execv(argv[0], argv)  # noqa: S606  (replace this process with the server)
