"""The search backend for a database connection, chosen from its engine."""

from django.db import connection as default_connection

from newsdesk.search.backends.base import SearchBackend


def backend_for(connection=None) -> SearchBackend:
    vendor = (connection or default_connection).vendor
    if vendor == "postgresql":
        from newsdesk.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        from newsdesk.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for the {vendor} database engine")
