"""Search folds more Persian and Arabic letter forms (alef with hamza, teh marbuta, alef
maksura, the zero-width non-joiner, Persian and Arabic-Indic digits): the folding
function is replaced and every story indexed again with it."""

from django.db import migrations


def refold(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    backend.install(schema_editor.connection)
    backend.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("newsdesk_search", "0002_index_from_python"),
        ("content", "0008_story_edition_and_translations"),
    ]
    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
