"""The desk in Debian's chromium for the desk benchmarks: the app served in-process on a
local port (static files included), a browser signed in as `user`.

    with signed_in_desk(user, port) as (page, base):
        page.goto(f"{base}/desk/")

Import after django.setup().
"""

from __future__ import annotations

import contextlib
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application
from django.test import Client

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def signed_in_desk(user, port: int):
    from playwright.sync_api import sync_playwright  # only the browser benchmarks need it

    client = Client()
    client.force_login(user)
    server = make_server(
        "127.0.0.1", port, StaticFilesHandler(get_wsgi_application()), handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            context = browser.new_context()
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
            )
            try:
                yield context.new_page(), base
            finally:
                browser.close()
    finally:
        server.shutdown()
