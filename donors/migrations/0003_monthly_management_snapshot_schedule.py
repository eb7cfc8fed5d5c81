"""Schedule the monthly management snapshot: the 1st of each month at 06:00 (project time zone).

A row in django-celery-beat's tables rather than CELERY_BEAT_SCHEDULE in settings, so staff can
change the time, the arguments (programme, currency, requested_by) or disable it in the admin
(Periodic tasks) without a deployment. Removed again when the migration is reversed."""

import json

from django.conf import settings
from django.db import migrations

TASK_NAME = "Monthly management snapshot"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_month="1", month_of_year="*", day_of_week="*", timezone=settings.TIME_ZONE
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "donors.start_monthly_snapshots",
            "crontab": schedule,
            "kwargs": json.dumps({"currency": "USD", "programme": "", "requested_by": ""}),
            "enabled": True,
            "description": (
                "Starts a management snapshot report (PDF and XLSX) for the previous month and the year to date, "
                "one per programme. Set requested_by to a manager's email so the reports appear on their Reports "
                "page; otherwise only superusers see them."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0002_donor_display_order"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
