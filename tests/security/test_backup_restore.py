"""`newsdesk backup` then `newsdesk restore` into an empty database gives back every story,
every relation and every media file, byte for byte."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection

from newsdesk.content.models import Story

COMPARED_TABLES = ["content_story", "content_story_tags", "content_byline", "content_image"]


def rows(cursor, table):
    cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 (fixed table names)
    return [tuple(str(value) for value in row) for row in cursor.fetchall()]


def build_site(newsroom):
    section, tag, person = newsroom.section("World"), newsroom.tag("Iran"), newsroom.person("Ana")
    image = newsroom.image(alt_text="Crowd in Tehran", caption="Evening rally")
    stories = [
        newsroom.story(
            f"Story {n} — ünïcode حمله",
            section=section,
            tags=[tag],
            bylines=[person],
            featured_image=image,
            body=f"<p>Paragraph {n} with <a href='https://example.org'>a link</a>.</p>",
        )
        for n in range(12)
    ]
    Story.objects.filter(pk=stories[0].pk).update(status="draft")
    return image


def snapshot_rows(sqlite_file=None):
    """Every compared row, as the database stores it (raw sqlite3 on SQLite, so no type
    conversion can hide or invent a difference)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            return {table: rows(cursor, table) for table in COMPARED_TABLES}
    name = str(sqlite_file or connection.settings_dict["NAME"])
    raw = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        return {table: rows(raw.cursor(), table) for table in COMPARED_TABLES}
    finally:
        raw.close()


def restore_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DJANGO_"))}
    env.update(NEWSDESK_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="newsdesk.settings")
    env.update(NEWSDESK_HTTPS="0", NEWSDESK_MEDIA_ROOT=str(data_dir / "media"))
    return env


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_every_story(newsroom, tmp_path, settings):
    image = build_site(newsroom)
    before = snapshot_rows()
    original_image = Path(image.file.path).read_bytes()

    call_command("backup", output=tmp_path / "snapshot")
    manifest = json.loads((tmp_path / "snapshot" / "manifest.json").read_text())
    assert manifest["row_counts"]["content.Story"] == 12
    assert [m["path"] for m in manifest["media"]] == [image.file.name]

    target = tmp_path / "restored-site"
    result = _restore(tmp_path / "snapshot", target)
    assert result.returncode == 0, result.stderr
    assert "Restored 12 stories and 1 media files" in result.stdout

    after = snapshot_rows(
        None if connection.vendor == "postgresql" else target / "newsdesk.sqlite3"
    )
    assert after == before
    assert len(after["content_story"]) == 12
    assert (target / "media" / image.file.name).read_bytes() == original_image


def _restore(snapshot: Path, target: Path) -> subprocess.CompletedProcess:
    env = restore_env(target)
    if connection.vendor == "postgresql":
        # Restore into the (emptied) test database itself: the one database we may use.
        env["DATABASE_URL"] = postgres_url(connection.settings_dict)
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connection.close()
    else:
        env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "restore", str(snapshot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_taken_while_editors_keep_saving_restores_cleanly(newsroom, tmp_path):
    build_site(newsroom)
    section = Story.objects.first().section
    stop, saved = threading.Event(), []

    def editor():
        try:
            while not stop.is_set():
                saved.append(Story.objects.create(headline="Breaking", section=section).pk)
        finally:
            close_old_connections()

    writer = threading.Thread(target=editor)
    writer.start()
    try:
        while len(saved) < 5:  # the editor is writing before the backup starts
            time.sleep(0.01)
        call_command("backup", output=tmp_path / "snapshot")
        written_when_backup_ended = len(saved)
        time.sleep(0.05)
    finally:
        stop.set()
        writer.join(30)
    manifest = json.loads((tmp_path / "snapshot" / "manifest.json").read_text())
    in_backup = manifest["row_counts"]["content.Story"]
    assert 12 + 5 <= in_backup <= 12 + len(saved)
    assert len(saved) > written_when_backup_ended  # the editor was still saving: concurrent

    result = _restore(tmp_path / "snapshot", tmp_path / "restored-site")
    # The restore checks every table's rows against the manifest's counts of the same state.
    assert result.returncode == 0, result.stderr
    assert f"Restored {in_backup} stories" in result.stdout


def postgres_url(db):
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(newsroom, tmp_path):
    newsroom.story("Live site")
    call_command("backup", output=tmp_path / "snapshot")
    newsroom.story("Written after the backup")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "snapshot"))
    assert Story.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_directory_that_is_not_empty(newsroom, tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=tmp_path)
    assert (tmp_path / "old.txt").read_text() == "keep me"


@pytest.mark.django_db(transaction=True)
def test_damaged_backup_is_refused_before_touching_anything(newsroom, tmp_path):
    newsroom.image()
    call_command("backup", output=tmp_path / "snapshot")
    media_file = next((tmp_path / "snapshot" / "media").rglob("*.jpg"))
    media_file.write_bytes(b"truncated")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "snapshot"))


def test_restore_of_something_that_is_not_a_backup_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path))
