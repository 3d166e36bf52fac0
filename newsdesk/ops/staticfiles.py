"""Static files collected before serving, so a fresh install or an upgrade never answers
500 for a file the manifest does not name ("Missing staticfiles manifest entry")."""

import json

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command


def uncollected_files() -> list[str]:
    """Static files the manifest does not name yet (all of them when there is none); empty
    when the storage keeps no manifest."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    try:
        with staticfiles_storage.manifest_storage.open(staticfiles_storage.manifest_name) as f:
            named = set(json.load(f).get("paths", {}))
    except (FileNotFoundError, ValueError):
        named = set()
    ignore = apps.get_app_config("staticfiles").ignore_patterns  # what collectstatic skips
    found = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list(ignore):
            found.add(path.replace("\\", "/"))
    return sorted(found - named)


def collect_if_needed(stdout=None) -> bool:
    """Run collectstatic when a file is missing from the manifest; True if it ran."""
    missing = uncollected_files()
    if not missing:
        return False
    if stdout is not None:
        stdout.write(f"Collecting static files ({len(missing)} new) into {settings.STATIC_ROOT}")
    call_command("collectstatic", interactive=False, verbosity=0)
    return True
