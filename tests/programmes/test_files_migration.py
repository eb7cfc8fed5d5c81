"""Rendered letters used to be stored twice (on the submission and on its report job). Migrating keeps
every file reachable from its version, stored once."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

# The report jobs of that time too: their table has gained columns since.
BEFORE = [("programmes", "0004_mappingsubmission_report_job"), ("reporting", "0001_initial")]
AFTER = [("programmes", "0005_mappingsubmission_files_stored_once")]


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_submission(apps, version):
    Programme = apps.get_model("programmes", "Programme")
    MappingExercise = apps.get_model("programmes", "MappingExercise")
    MappingSubmission = apps.get_model("programmes", "MappingSubmission")
    programme, _ = Programme.objects.get_or_create(name="Space Security Programme", short_name="SpaceSec")
    exercise, _ = MappingExercise.objects.get_or_create(
        reference="ODA/2025-00007/Space",
        defaults={
            "programme": programme,
            "addressees": "Dr. Okafor",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    return MappingSubmission.objects.create(exercise=exercise, version=version, status="compiled")


def add_files(submission, contents: dict[str, bytes]):
    for file_format, content in contents.items():
        name = f"letter-v{submission.version}.{file_format}"
        getattr(submission, f"{file_format}_file").save(name, ContentFile(content))


def succeeded_job_with_files(apps, contents: dict[str, bytes], **parameters):
    ReportJob = apps.get_model("reporting", "ReportJob")
    ReportFile = apps.get_model("reporting", "ReportFile")
    job = ReportJob.objects.create(
        kind="mapping_submission", parameters=parameters, status="succeeded", finished_at=timezone.now()
    )
    for file_format, content in contents.items():
        report_file = ReportFile(job=job, format=file_format, filename=f"job.{file_format}", size=len(content))
        report_file.file.save(f"job-{job.pk}.{file_format}", ContentFile(content), save=False)
        report_file.save()
    return job


def test_a_version_whose_job_holds_the_same_files_points_at_the_job_and_the_copies_go(old_apps):
    letter = {"docx": b"PK docx v1", "pdf": b"%PDF v1", "html": b"<!DOCTYPE html> v1"}
    submission = old_submission(old_apps, 1)
    add_files(submission, letter)
    own_copies = [getattr(submission, f"{file_format}_file").path for file_format in letter]
    job = succeeded_job_with_files(old_apps, letter, exercise="ODA/2025-00007/Space")
    submission.report_job = job
    submission.save()

    apps = migrate(AFTER)

    migrated = apps.get_model("programmes", "MappingSubmission").objects.get(pk=submission.pk)
    assert migrated.rendering_job_id == job.pk
    assert {report_file.format: report_file.file.read() for report_file in migrated.rendering_job.files.all()} == letter
    assert not any(Path(path).exists() for path in own_copies)


def test_a_version_rendered_later_than_its_job_keeps_its_own_files_under_a_new_job(old_apps):
    compiled = {"docx": b"PK first", "pdf": b"%PDF first", "html": b"<html> first"}
    re_rendered = {"docx": b"PK second", "pdf": b"%PDF second", "html": b"<html> second"}
    submission = old_submission(old_apps, 1)
    submission.report_job = succeeded_job_with_files(old_apps, compiled, exercise="ODA/2025-00007/Space")
    submission.save()
    add_files(submission, re_rendered)
    stored_names = {file_format: getattr(submission, f"{file_format}_file").name for file_format in re_rendered}

    apps = migrate(AFTER)

    migrated = apps.get_model("programmes", "MappingSubmission").objects.get(pk=submission.pk)
    job = migrated.rendering_job
    assert job.pk != submission.report_job_id
    assert (job.kind, job.status, job.parameters) == (
        "mapping_submission",
        "succeeded",
        {"exercise": "ODA/2025-00007/Space", "submission_version": 1},
    )
    files = {report_file.format: report_file for report_file in job.files.all()}
    assert {file_format: files[file_format].file.name for file_format in files} == stored_names
    assert {file_format: files[file_format].file.read() for file_format in files} == re_rendered
    assert files["pdf"].filename == "oda2025-00007space-v1.pdf"


def test_a_version_never_rendered_gets_no_job(old_apps):
    submission = old_submission(old_apps, 2)

    apps = migrate(AFTER)

    assert apps.get_model("programmes", "MappingSubmission").objects.get(pk=submission.pk).rendering_job_id is None
    assert not apps.get_model("reporting", "ReportJob").objects.exists()
