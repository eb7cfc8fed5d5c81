"""Backups of the database and the media files, and restoring them (`make backup`, `make restore`).

A backup is a folder holding the database (PostgreSQL: `pg_dump --format=custom`; SQLite: a copy made
with SQLite's online backup), the media files and the private files (participants' uploads, kept
apart from the media files: settings.PRIVATE_MEDIA_ROOT) as two gzipped tars, `backup.json` (when and what), and
`SHA256SUMS`, a checksum manifest in `sha256sum` format (`sha256sum -c SHA256SUMS` checks it by hand).
Restoring checks every checksum first and changes nothing when one does not match; PostgreSQL is
restored in one transaction."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "SHA256SUMS"
METADATA = "backup.json"
MEDIA_ARCHIVE = "media.tar.gz"
PRIVATE_ARCHIVE = "private-media.tar.gz"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on, for a reason the operator can act on."""


def create_backup(parent: Path, database_alias: str = "default") -> Path:
    """Write a new backup folder under `parent` and return it."""
    database = settings.DATABASES[database_alias]
    folder = Path(parent) / f"unidir_cb-{timezone.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    if _is_postgres(database):
        dump_name = POSTGRES_DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={folder / dump_name}"], database)
    else:
        dump_name = SQLITE_COPY
        connections[database_alias].close()
        with sqlite3.connect(database["NAME"]) as source, sqlite3.connect(folder / dump_name) as copy:
            source.backup(copy)
    for archive_name, root in _file_folders():
        with tarfile.open(folder / archive_name, "w:gz") as archive:
            if root.exists():
                archive.add(root, arcname=".")
    metadata = {
        "created_at": timezone.now().isoformat(),
        "engine": database["ENGINE"],
        "database": str(database["NAME"]),
        "media_root": str(settings.MEDIA_ROOT),
        "private_media_root": str(settings.PRIVATE_MEDIA_ROOT),
        "files": [dump_name, MEDIA_ARCHIVE, PRIVATE_ARCHIVE],
    }
    (folder / METADATA).write_text(json.dumps(metadata, indent=2) + "\n")
    _write_manifest(folder, [dump_name, MEDIA_ARCHIVE, PRIVATE_ARCHIVE, METADATA])
    return folder


def restore_backup(folder: Path, database_alias: str = "default") -> dict:
    """Put the backup's database and media files back in place of the configured ones."""
    folder = Path(folder)
    metadata = verify_backup(folder)
    database = settings.DATABASES[database_alias]
    if _is_postgres(database) != metadata["engine"].endswith("postgresql"):
        raise BackupError(f"This backup is of a {metadata['engine']} database; the configured one is not.")
    connections[database_alias].close()
    if _is_postgres(database):
        _run(
            [
                *("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"),
                *("--single-transaction", "--exit-on-error", str(folder / POSTGRES_DUMP)),
            ],
            database,
        )
    else:
        with sqlite3.connect(folder / SQLITE_COPY) as copy, sqlite3.connect(database["NAME"]) as target:
            copy.backup(target)
    for archive_name, root in _file_folders():
        # Backups made before private files were kept apart have no private archive.
        if (folder / archive_name).exists():
            _restore_media(folder / archive_name, root)
    return metadata


def _file_folders() -> list[tuple[str, Path]]:
    return [(MEDIA_ARCHIVE, Path(settings.MEDIA_ROOT)), (PRIVATE_ARCHIVE, Path(settings.PRIVATE_MEDIA_ROOT))]


def verify_backup(folder: Path) -> dict:
    """The backup's metadata, once every file listed in its manifest matches its checksum."""
    manifest = folder / MANIFEST
    if not manifest.exists():
        raise BackupError(f"{folder} has no {MANIFEST}: it is not a complete backup.")
    for line in manifest.read_text().splitlines():
        expected, name = line.split(maxsplit=1)
        path = folder / name.lstrip("*")
        if not path.exists():
            raise BackupError(f"{path.name} is missing from the backup.")
        if _sha256(path) != expected:
            raise BackupError(f"{path.name} does not match its checksum: the backup is damaged; nothing was restored.")
    return json.loads((folder / METADATA).read_text())


def _restore_media(archive_path: Path, media_root: Path) -> None:
    """Replace a file folder's content (media or private) with the archive's (extracted beside it, then swapped in)."""
    media_root.mkdir(parents=True, exist_ok=True)
    staging = media_root.with_name(f".{media_root.name}-restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(staging, filter="data")  # refuses absolute paths, links out of the folder, devices
    for entry in media_root.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for entry in staging.iterdir():
        entry.rename(media_root / entry.name)
    staging.rmdir()


def _write_manifest(folder: Path, names: list[str]) -> None:
    (folder / MANIFEST).write_text("".join(f"{_sha256(folder / name)}  {name}\n" for name in names))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_postgres(database: dict) -> bool:
    return database["ENGINE"] == "django.db.backends.postgresql"


def _run(command: list[str], database: dict) -> None:
    """A PostgreSQL client program against the configured database (the password through the
    environment, never on the command line)."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install the PostgreSQL client (Debian: postgresql-client).")
    connection = {"PGHOST": "HOST", "PGPORT": "PORT", "PGUSER": "USER", "PGPASSWORD": "PASSWORD"}
    environment = {
        **os.environ,
        **{variable: str(database[key]) for variable, key in connection.items() if database.get(key)},
    }
    command = [*command, f"--dbname={database['NAME']}"]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backups_older_than(parent: Path, days: int) -> list[Path]:
    """Backup folders under `parent` made more than `days` ago (for a retention script)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    old = []
    for metadata_path in Path(parent).glob(f"unidir_cb-*/{METADATA}"):
        if datetime.datetime.fromisoformat(json.loads(metadata_path.read_text())["created_at"]) < cutoff:
            old.append(metadata_path.parent)
    return sorted(old)
