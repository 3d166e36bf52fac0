"""A real local HTTP server for network tests: routes map a path to a handler function.

Binds to 127.0.0.1 on a free port in 8250-8299 (the range this project's tests may use).
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PORT_RANGE = range(8250, 8300)


class Reply:
    def __init__(self, status=200, body=b"", headers=None, delay=0.0, chunks=None):
        self.status, self.body, self.headers = status, body, headers or {}
        self.delay, self.chunks = delay, chunks


class LocalServer:
    def __init__(self):
        self.routes = {}
        self.requests = []  # (method, path, headers) of every request received
        server_self = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server_self.requests.append((self.command, self.path, dict(self.headers), body))
                route = server_self.routes.get(self.path.split("?")[0])
                reply = route(self) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"not found", {"Content-Type": "text/plain"})

                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.chunks is None:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.chunks is not None:
                    for chunk in reply.chunks:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                else:
                    self.wfile.write(reply.body)

            do_GET = do_POST = do_HEAD = _serve

        for port in PORT_RANGE:
            try:
                self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 8250-8299")
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_http():
    """A real HTTP server on 127.0.0.1; set `.routes[path] = Reply(...)` or a callable."""
    server = LocalServer()
    yield server
    server.close()
