"""Keeping the index current.

Triggers in the database index every write to the story table, whatever path made it
(see backends/). The content events are listened to as well: they re-index the story
after its transaction commits, which repairs an entry if a trigger was ever missing
(SQLite drops triggers when a migration rebuilds the story table; post_migrate puts them
back). Visibility is not stored in the index: searches filter with the content
visibility query, so an unpublished story leaves public results at once.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

from newsdesk.content.models import Story
from newsdesk.content.signals import story_published, story_unpublished, story_updated

logger = logging.getLogger(__name__)


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from newsdesk.search.backends.sqlite import register_functions

        register_functions(connection.connection)


def ensure_index_machinery(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After every migrate: (re)create the index triggers, once the index is installed."""
    from newsdesk.search.backends import backend_for

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("newsdesk_search", "0001_search_index") in applied:
        backend_for(connection).install(connection)


def on_story_event(sender, story, **kwargs):
    from newsdesk.search.backends import backend_for

    backend_for().reindex([story.pk])


def connect_content_events():
    for signal in (story_published, story_updated, story_unpublished):
        signal.connect(on_story_event, sender=Story, dispatch_uid=f"search-{id(signal)}")
