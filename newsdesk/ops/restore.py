"""Bringing a backup back, only into an empty database and media directory: a restore
never overwrites a live site."""

import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import connection

from newsdesk.ops.backup import (
    MEDIA_DIR,
    BackupError,
    _pg_env_and_conninfo,
    _run,
    read_manifest,
    row_counts,
    verify_files,
)


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _media_is_empty(media: Path) -> bool:
    return not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def restore_backup(path: Path) -> dict:
    path = Path(path)
    manifest = read_manifest(path)
    verify_files(path, manifest)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; "
            f"the configured database is {connection.vendor}."
        )
    media = Path(settings.MEDIA_ROOT)
    if not _database_is_empty():
        raise BackupError("The configured database is not empty; restore needs an empty one.")
    if not _media_is_empty(media):
        raise BackupError(f"The media directory {media} is not empty.")

    snapshot = path / manifest["database_file"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        env, args = _pg_env_and_conninfo(connection.settings_dict)
        connection.close()  # pg_restore needs no competing session holding locks
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        _run([*command, *args, str(snapshot)], env)

    source_media = path / MEDIA_DIR
    if source_media.exists():
        shutil.copytree(source_media, media, dirs_exist_ok=True)

    restored = row_counts()
    if restored != manifest["row_counts"]:
        raise BackupError(
            f"Restored rows differ from the backup: {restored} != {manifest['row_counts']}"
        )
    return manifest
