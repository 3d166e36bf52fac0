"""The search engine in use: the class named by the NEWSDESK_SEARCH_BACKEND setting (a
dotted path, as Wagtail's WAGTAILSEARCH_BACKENDS), by default the one for the database
engine (settings.py)."""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection as default_connection
from django.utils.module_loading import import_string

from newsdesk.search.backends.base import SearchBackend


@cache
def _backend_class(path: str) -> type[SearchBackend]:
    return import_string(path)


def backend_for(connection=None) -> SearchBackend:
    """A fresh backend for one search (it may remember what it read during the search)."""
    connection = connection or default_connection
    backend = _backend_class(settings.NEWSDESK_SEARCH_BACKEND)()
    if backend.vendor != connection.vendor:
        raise ImproperlyConfigured(
            f"NEWSDESK_SEARCH_BACKEND {settings.NEWSDESK_SEARCH_BACKEND} runs on "
            f"{backend.vendor}, the database is {connection.vendor}"
        )
    return backend
