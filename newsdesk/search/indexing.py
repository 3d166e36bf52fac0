"""Keeping the index current.

The index is written from Python, by the change pipeline (content/changes.py): `on_change`
re-indexes each changed story after its transaction commits, the stories of a renamed
section, tag, person or source, and the stories of a bulk change. Nothing in the database
calls Python, so any client may write the story table; `newsdesk search-rebuild` indexes
what such writes changed. Visibility is not stored in the index: searches filter with the
content visibility query, so an unpublished story leaves public results at once.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

from newsdesk.content import changes
from newsdesk.search.backends import backend_for

logger = logging.getLogger(__name__)


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from newsdesk.search.backends.sqlite import register_functions

        register_functions(connection.connection)


def ensure_index_machinery(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After every migrate: (re)create the index table if it went missing (and drop the
    triggers of earlier versions), once the index is installed."""
    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("newsdesk_search", "0001_search_index") in applied:
        backend_for(connection).install(connection)


def on_change(change) -> None:
    """The search index's subscriber to the change pipeline (content/changes.py)."""
    if isinstance(change, changes.BulkChange) and change.everything:
        backend_for().rebuild()
    elif isinstance(change, changes.StoryChange):
        backend_for().reindex([change.story.pk])
    elif isinstance(change, changes.BulkChange | changes.NamesChanged):
        # A renamed section, tag, person or source: its stories' "about" text changed.
        backend_for().reindex(sorted(change.story_ids))
