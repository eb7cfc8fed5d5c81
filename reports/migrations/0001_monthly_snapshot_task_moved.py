"""The monthly management snapshot moved from the donors app to the cross-domain reports app, and its
Celery task with it: the schedule staff may have edited (Admin > Periodic tasks) keeps its timing and
arguments and now names the task by its new name."""

from django.db import migrations

OLD_TASK = "donors.start_monthly_snapshots"
NEW_TASK = "reports.start_monthly_snapshots"


def rename(apps, old, new):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task=old).update(task=new)


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0003_monthly_management_snapshot_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, OLD_TASK, NEW_TASK),
            lambda apps, schema_editor: rename(apps, NEW_TASK, OLD_TASK),
        )
    ]
