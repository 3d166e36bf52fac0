"""Backups: a consistent snapshot of the database and media, with a manifest, taken while
the site keeps serving; and the way back into an empty data directory or database.

SQLite is copied with its online backup API (readers and the writer carry on; the copy is
one consistent state). PostgreSQL is dumped with `pg_dump`, which reads one MVCC snapshot.
Media files are only ever added (originals are kept untouched), so copying them after the
database snapshot gives every file the snapshot refers to.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"
COUNTED_APPS = ("content", "auth", "audit")


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counted_models():
    for label in COUNTED_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.proxy:
                yield model


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in _counted_models()}


def _count_rows(cursor) -> dict[str, int]:
    """row_counts() through a given cursor: the one that sees the snapshot being saved."""
    counts = {}
    for model in _counted_models():
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a model's own table)
        counts[model._meta.label] = cursor.fetchone()[0]
    return counts


def _pg_env_and_conninfo(db: dict) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    return env, args


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _snapshot_database(output: Path) -> tuple[str, dict[str, int]]:
    """The database file written into `output`, and the row counts of that very state
    (counted apart from it, they would differ as soon as an editor saves meanwhile)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output / SQLITE_FILE)
        try:
            # One step: copied in stepped chunks, every write by the site would restart the
            # copy, which might then never end on a busy site. In WAL mode the one long
            # read does not hold up the site's writers.
            connection.connection.backup(target, pages=-1)
            return SQLITE_FILE, _count_rows(target.cursor())
        finally:
            target.close()
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_conninfo(db)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        with transaction.atomic(), connection.cursor() as cursor:
            # pg_dump reads the very snapshot the counts were taken in.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_rows(cursor)
            _run([*command, f"--snapshot={snapshot}", "--file", str(output / PG_FILE), *args], env)
        return PG_FILE, counts
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _copy_media(output: Path) -> list[dict]:
    source = Path(settings.MEDIA_ROOT)
    files = []
    if not source.exists():
        return files
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source)
        target = output / MEDIA_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        files.append(
            {"path": relative.as_posix(), "size": target.stat().st_size, "sha256": _sha256(target)}
        )
    return files


def create_backup(output: Path) -> dict:
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty; give a new or empty directory.")
    output.mkdir(parents=True, exist_ok=True)
    database_file, counts = _snapshot_database(output)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database_file": database_file,
        "database_sha256": _sha256(output / database_file),
        "row_counts": counts,
        "media": _copy_media(output),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def read_manifest(path: Path) -> dict:
    manifest_path = Path(path) / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} is not a backup: {MANIFEST} is missing.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify_files(path: Path, manifest: dict) -> None:
    path = Path(path)
    expected = [(manifest["database_file"], manifest["database_sha256"])] + [
        (f"{MEDIA_DIR}/{item['path']}", item["sha256"]) for item in manifest["media"]
    ]
    for name, digest in expected:
        file = path / name
        if not file.is_file() or _sha256(file) != digest:
            raise BackupError(f"The backup is damaged: {name} is missing or changed.")
