"""Each PostgreSQL search document also holds markers of where its story id lies
(backends/postgres_index.py, ID_MARKER_BITS): added to every document already indexed.
The GIN index is made again after the update, which is quicker than updating it row by row."""

from django.db import migrations


def mark_ids(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return  # (and SQLite's never loads the PostgreSQL engine)
    from newsdesk.search.backends.postgres_index import TABLE, id_markers_sql
    from newsdesk.search.models import SearchDocument

    if TABLE not in connection.introspection.table_names():
        return
    (gin,) = SearchDocument._meta.indexes
    schema_editor.remove_index(SearchDocument, gin)
    schema_editor.execute(f"UPDATE {TABLE} SET document = document || {id_markers_sql('story_id')}")
    schema_editor.add_index(SearchDocument, gin)


class Migration(migrations.Migration):
    dependencies = [("newsdesk_search", "0004_merge_document_model_and_folding")]
    operations = [migrations.RunPython(mark_ids, migrations.RunPython.noop)]
