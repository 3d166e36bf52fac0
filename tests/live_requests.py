"""Knowing when pytest-django's live server has stopped answering: a browser keeps sending
after a test's last step (a closing page's beacon, an editor's autosave, the wire's
polling), and a request still writing while the test database is emptied can deadlock
with the flush on PostgreSQL."""

import threading
import time


class RequestsInFlight:
    """A WSGI wrapper counting the requests inside the application."""

    def __init__(self, app):
        self.app = app
        self.busy = 0
        self.last_seen = time.monotonic()
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.busy += 1
            self.last_seen = time.monotonic()
        try:
            return self.app(environ, start_response)
        finally:
            with self.changed:
                self.busy -= 1
                self.last_seen = time.monotonic()
                self.changed.notify_all()

    def wait_quiet(self, quiet: float = 0.1, longest: float = 10.0) -> bool:
        """Until no request has been inside for `quiet` seconds (or `longest` passed)."""
        deadline = time.monotonic() + longest
        with self.changed:
            while time.monotonic() < deadline:
                idle_for = time.monotonic() - self.last_seen
                if self.busy == 0 and idle_for >= quiet:
                    return True
                self.changed.wait(timeout=max(0.01, quiet - idle_for) if not self.busy else 0.1)
        return False


def track(live_server) -> RequestsInFlight:
    """The live server's tracker, put in front of its application once per session."""
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, RequestsInFlight):
        app = RequestsInFlight(app)
        httpd.set_app(app)
    return app
