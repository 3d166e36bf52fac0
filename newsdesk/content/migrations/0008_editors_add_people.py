"""Editors may add people (a byline for a new correspondent) from the desk."""

from django.db import migrations

PERMISSION = ("content", "add_person")


def grant(apps, schema_editor):
    _editor_permission(apps, add=True)


def revoke(apps, schema_editor):
    _editor_permission(apps, add=False)


def _editor_permission(apps, add):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    permission = Permission.objects.filter(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    ).first()
    if editor is None or permission is None:
        return  # no roles yet: content.roles.ensure_roles() creates them complete
    if add:
        editor.permissions.add(permission)
    else:
        editor.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0007_merge_person_external_and_story_updated_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
