"""The full-text index: FTS5 table + triggers on SQLite, tsvector table + GIN index +
trigger on PostgreSQL (see newsdesk/search/backends/)."""

from django.db import migrations


def install(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    backend.install(schema_editor.connection)
    backend.rebuild()


def uninstall(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    backend_for(schema_editor.connection).uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
