"""The desk's three roles (Contributor, Editor, Admin) as Django groups with permissions.

Created by migration content.0003; `ensure_roles()` recreates them where a test or an
operator flushed the database."""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions

CONTRIBUTOR = [
    "content.add_story",
    "content.change_story",
    "content.view_story",
    "content.add_image",
    "content.change_image",
    "content.view_image",
    "content.view_section",
    "content.view_tag",
    "content.view_person",
    "content.view_source",
]
EDITOR = CONTRIBUTOR + [
    "content.publish_story",
    "content.edit_others_story",
    "content.delete_story",
    "content.delete_image",
    "content.add_correction",
    "content.change_correction",
    "content.view_correction",
    "content.add_galleryitem",
    "content.change_galleryitem",
    "content.delete_galleryitem",
    "content.add_tag",
    "content.change_tag",
    # An editor bylines a new correspondent or stringer while writing, without an admin.
    "content.add_person",
]
ADMIN = EDITOR + [
    f"{app}.{action}_{model}"
    for app, model in [
        ("auth", "user"),
        ("auth", "group"),
        ("content", "section"),
        ("content", "source"),
        ("content", "person"),
        ("content", "tag"),
    ]
    for action in ("add", "change", "delete", "view")
]
ROLES = {"Contributor": CONTRIBUTOR, "Editor": EDITOR, "Admin": ADMIN}


def ensure_roles(apps=django_apps):
    """Create the groups and their permissions if missing; safe to run again."""
    for app_config in apps.get_app_configs():
        # Migration-state app configs have no models module, which makes
        # create_permissions skip them; lend them one for the call.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in dict.fromkeys(codes):
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
