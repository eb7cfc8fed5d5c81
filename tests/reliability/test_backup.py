"""`manage.py backup` (make backup) dumps the database, the media files and the private files
(participants' uploads) with a checksum manifest; `manage.py restore` (make restore) puts them into a
fresh database and folders, where the same records and files are found. A damaged backup restores nothing."""

import hashlib
import io
import json
import subprocess
import uuid

import pytest
from django.db import connection

from tests.conftest import database_url_of, run_manage
from tests.factories import AnswerFactory, EventFactory, ParticipantFactory, RegistrationFactory, ReportJobFactory
from unidir_cb.core.reporting.models import ReportFile

pytestmark = [pytest.mark.reliability, pytest.mark.timeout(180)]


def file_checksums(folder) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def row_counts(database_url: str) -> dict[str, int]:
    """Rows of every table, read by a separate process through Django, as an operator would."""
    script = (
        "import json; from django.db import connection\n"
        "tables = connection.introspection.table_names()\n"
        "with connection.cursor() as cursor:\n"
        "    counts = {}\n"
        "    for table in tables:\n"
        "        cursor.execute(f'SELECT COUNT(*) FROM {connection.ops.quote_name(table)}')\n"
        "        counts[table] = cursor.fetchone()[0]\n"
        "print(json.dumps(counts))"
    )
    result = run_manage("shell", "-c", script, DJANGO_ENV="test", DATABASE_URL=database_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # after what the shell prints on start


@pytest.fixture
def fresh_database_url(transactional_db, tmp_path):
    """An empty database of the same engine, created for the restore and dropped after it."""
    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url_of({**settings_dict, "NAME": name})
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def records_and_files(transactional_db, settings, tmp_path, private_files_in_a_temporary_folder):
    """A little of everything: events, people, registrations with an uploaded passport copy, and a
    report with its stored files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for number in range(3):
        RegistrationFactory(event=EventFactory(title=f"Workshop {number}"), participant=ParticipantFactory())
    AnswerFactory(with_file=b"%PDF-1.7 passport photo page")
    job = ReportJobFactory()
    for file_format, content in [("pdf", b"%PDF-1.7 figures"), ("html", "<p>Les chiffres — 数字</p>".encode())]:
        report_file = ReportFile(job=job, format=file_format, filename=f"figures.{file_format}", size=len(content))
        report_file.file.save(f"figures.{file_format}", io.BytesIO(content), save=False)
        report_file.save()
    return settings.MEDIA_ROOT


def test_a_backup_restored_into_a_fresh_database_and_media_folder_has_the_same_records_and_files(
    records_and_files, fresh_database_url, tmp_path
):
    database_url = database_url_of(connection.settings_dict)
    private_files = tmp_path / "private-media"
    backup = run_manage(
        "backup", "--output", str(tmp_path / "backups"), DJANGO_ENV="test", DATABASE_URL=database_url,
        MEDIA_ROOT=str(records_and_files), PRIVATE_MEDIA_ROOT=str(private_files),
    )  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    [folder] = (tmp_path / "backups").iterdir()
    assert subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=folder, check=False).returncode == 0

    restored_media, restored_private = tmp_path / "restored-media", tmp_path / "restored-private-media"
    restore = run_manage(
        "restore", str(folder), "--no-input", DJANGO_ENV="test", DATABASE_URL=fresh_database_url,
        MEDIA_ROOT=str(restored_media), PRIVATE_MEDIA_ROOT=str(restored_private),
    )  # fmt: skip
    assert restore.returncode == 0, restore.stderr

    original = row_counts(database_url)
    assert original["events_registration"] == 4 and original["reporting_reportfile"] == 2
    assert row_counts(fresh_database_url) == original
    assert file_checksums(restored_media) == file_checksums(records_and_files)
    assert len(file_checksums(private_files)) == 1
    assert file_checksums(restored_private) == file_checksums(private_files)


def test_a_damaged_backup_restores_nothing(records_and_files, fresh_database_url, tmp_path):
    database_url = database_url_of(connection.settings_dict)
    run_manage(
        "backup", "--output", str(tmp_path / "backups"), DJANGO_ENV="test", DATABASE_URL=database_url,
        MEDIA_ROOT=str(records_and_files), PRIVATE_MEDIA_ROOT=str(tmp_path / "private-media"),
    )  # fmt: skip
    [folder] = (tmp_path / "backups").iterdir()
    with (folder / "media.tar.gz").open("ab") as archive:
        archive.write(b"corrupted")

    restore = run_manage(
        "restore", str(folder), "--no-input", DJANGO_ENV="test", DATABASE_URL=fresh_database_url,
        MEDIA_ROOT=str(tmp_path / "restored-media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "restored-private-media"),
    )  # fmt: skip

    assert restore.returncode != 0
    assert "media.tar.gz does not match its checksum" in restore.stderr
    assert not (tmp_path / "restored-media").exists()
    assert not (tmp_path / "restored-private-media").exists()
