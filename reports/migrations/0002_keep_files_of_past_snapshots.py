"""Report files now expire (REPORT_FILE_RETENTION_DAYS) unless their job is kept for good, as
scheduled snapshots are. Past snapshots do not say whether the schedule or a person started them,
so all of them are kept."""

from django.db import migrations


def keep_past_snapshots(apps, schema_editor):
    ReportJob = apps.get_model("reporting", "ReportJob")
    ReportJob.objects.filter(kind="management_snapshot").update(keep_files=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_monthly_snapshot_task_moved"),
        ("reporting", "0004_files_kept_or_deleted"),
    ]

    operations = [migrations.RunPython(keep_past_snapshots, migrations.RunPython.noop)]
