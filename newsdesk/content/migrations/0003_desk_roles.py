"""The desk's three roles as Django groups (see newsdesk/content/roles.py). Permissions are
created there first because on a fresh database Django would create them only after all
migrations have run."""

from django.db import migrations

from newsdesk.content.roles import ROLES, ensure_roles

def create_roles(apps, schema_editor):
    ensure_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_desk_workflow_revisions_media"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
