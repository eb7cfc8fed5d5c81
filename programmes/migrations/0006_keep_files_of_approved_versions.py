"""Report files now expire (REPORT_FILE_RETENTION_DAYS) unless their job is kept for good: the
letters of versions already approved or sent are kept from the start."""

from django.db import migrations


def keep_letters_of_approved_versions(apps, schema_editor):
    MappingSubmission = apps.get_model("programmes", "MappingSubmission")
    ReportJob = apps.get_model("reporting", "ReportJob")
    kept = MappingSubmission.objects.filter(status__in=["approved", "sent"], rendering_job__isnull=False)
    ReportJob.objects.filter(pk__in=kept.values("rendering_job")).update(keep_files=True)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_mappingsubmission_files_stored_once"),
        ("reporting", "0004_files_kept_or_deleted"),
    ]

    operations = [migrations.RunPython(keep_letters_of_approved_versions, migrations.RunPython.noop)]
