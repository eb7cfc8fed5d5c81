"""A mapping submission's rendered letter is stored once, as the files of the report job that
rendered it (rendering_job), instead of a second copy in three file fields of the submission.

Forwards, for each version that has files of its own:
- if a report job that rendered this version holds byte-identical files for every format, the
  version points at that job and its own duplicate copies are deleted (nothing is lost: the job's
  copies are the same bytes);
- otherwise a succeeded report job is recorded for the version, holding the version's existing files
  where they are (no file moves), so every file stays reachable from the review page.
Backwards, each version gets copies of its rendering job's files in the old fields again.
"""

import django.db.models.deletion
from django.core.files.base import ContentFile
from django.db import migrations, models
from django.utils import timezone
from django.utils.text import slugify

FORMATS = ("docx", "pdf", "html")


def _content(field_file):
    try:
        with field_file.storage.open(field_file.name, "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None


def _same_files(job, contents):
    files = {report_file.format: report_file.file for report_file in job.files.all()}
    return all(file_format in files and _content(files[file_format]) == content for file_format, content in contents.items())


def store_files_once(apps, schema_editor):
    MappingSubmission = apps.get_model("programmes", "MappingSubmission")
    ReportJob = apps.get_model("reporting", "ReportJob")
    ReportFile = apps.get_model("reporting", "ReportFile")
    for submission in MappingSubmission.objects.select_related("exercise", "report_job").order_by("pk"):
        own_files = {file_format: getattr(submission, f"{file_format}_file") for file_format in FORMATS}
        contents = {
            file_format: content
            for file_format, field_file in own_files.items()
            if field_file.name and (content := _content(field_file)) is not None
        }
        if not contents:
            continue
        reference = submission.exercise.reference
        candidates = list(
            ReportJob.objects.filter(
                kind="mapping_submission",
                status="succeeded",
                parameters__exercise=reference,
                parameters__submission_version=submission.version,
            ).order_by("-finished_at", "-pk")
        )
        if submission.report_job is not None and submission.report_job.status == "succeeded":
            candidates.append(submission.report_job)
        job = next((candidate for candidate in candidates if _same_files(candidate, contents)), None)
        if job is not None:
            for file_format in contents:
                own_files[file_format].storage.delete(own_files[file_format].name)
        else:
            moment = submission.updated_at or timezone.now()
            job = ReportJob.objects.create(
                kind="mapping_submission",
                parameters={"exercise": reference, "submission_version": submission.version},
                status="succeeded",
                progress=100,
                progress_message="Done (files kept from before they were stored with report jobs)",
                attempts=1,
                queued_at=moment,
                started_at=moment,
                heartbeat_at=moment,
                finished_at=moment,
            )
            stem = slugify(f"{reference}-v{submission.version}")
            for file_format, content in contents.items():
                ReportFile.objects.create(
                    job=job,
                    format=file_format,
                    file=own_files[file_format].name,
                    filename=f"{stem}.{file_format}",
                    size=len(content),
                )
        MappingSubmission.objects.filter(pk=submission.pk).update(rendering_job=job)


def copy_files_back(apps, schema_editor):
    MappingSubmission = apps.get_model("programmes", "MappingSubmission")
    for submission in MappingSubmission.objects.exclude(rendering_job=None).select_related("rendering_job"):
        for report_file in submission.rendering_job.files.all():
            content = _content(report_file.file)
            if content is not None:
                getattr(submission, f"{report_file.format}_file").save(
                    report_file.filename, ContentFile(content), save=False
                )
        submission.save(update_fields=[f"{file_format}_file" for file_format in FORMATS])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_mappingsubmission_report_job"),
        ("reporting", "0001_initial"),
    ]
    # The jobs it records are written with the job's fields of 0001; the result field added next has
    # no database default, so that migration must come after this one. (Depending on it instead
    # would break databases that applied this migration before it existed.)
    run_before = [("reporting", "0002_job_result_and_csv_files")]

    operations = [
        migrations.AddField(
            model_name="mappingsubmission",
            name="rendering_job",
            field=models.ForeignKey(
                blank=True,
                help_text="The report job whose files are this version's latest rendering.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reporting.reportjob",
            ),
        ),
        migrations.RunPython(store_files_once, copy_files_back),
        migrations.RemoveField(model_name="mappingsubmission", name="docx_file"),
        migrations.RemoveField(model_name="mappingsubmission", name="html_file"),
        migrations.RemoveField(model_name="mappingsubmission", name="pdf_file"),
    ]
