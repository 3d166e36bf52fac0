"""The index is written from Python (no triggers calling Python functions) and gains the
names a story is filed under (section, tags, bylines, sources): reinstall and rebuild."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    backend.uninstall(schema_editor.connection)
    backend.install(schema_editor.connection)
    backend.rebuild()


class Migration(migrations.Migration):
    dependencies = [("newsdesk_search", "0001_search_index"), ("content", "0005_page_month_counts")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
