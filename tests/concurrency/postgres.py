"""A PostgreSQL database of its own for a test's server processes, dropped afterwards; with
no PostgreSQL URL, the server's own SQLite file is used."""

from __future__ import annotations

import contextlib
import os
from urllib.parse import urlsplit, urlunsplit

import psycopg


@contextlib.contextmanager
def scratch_database(database_url: str | None):
    if not database_url or not database_url.startswith("postgres"):
        yield None
        return
    parts = urlsplit(database_url)
    name = f"newsdesk_scratch_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
