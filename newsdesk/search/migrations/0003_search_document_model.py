"""The PostgreSQL index becomes a model (a SearchVectorField under a GIN index) with text
prepared in Python: the same table as before, so only its state is new; on PostgreSQL the
documents are rebuilt, now with inline markup joining words as readers see them."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def rebuild_on_postgres(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    if schema_editor.connection.vendor == "postgresql":
        backend = backend_for(schema_editor.connection)
        backend.install(schema_editor.connection)
        backend.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0007_merge_person_external_and_story_updated_index"),
        ("newsdesk_search", "0002_index_from_python"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "story",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                primary_key=True,
                                related_name="search_document",
                                serialize=False,
                                to="content.story",
                            ),
                        ),
                        ("document", django.contrib.postgres.search.SearchVectorField()),
                    ],
                    options={
                        "db_table": "newsdesk_search_document",
                        "indexes": [
                            django.contrib.postgres.indexes.GinIndex(
                                fields=["document"], name="newsdesk_search_document_gin"
                            )
                        ],
                    },
                ),
            ],
            # The engine makes the table (PostgreSQL only: SQLite has its FTS5 table).
            database_operations=[
                migrations.RunPython(rebuild_on_postgres, migrations.RunPython.noop)
            ],
        ),
    ]
