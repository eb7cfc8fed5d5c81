"""Each month the scheduler starts a management snapshot: the dashboard's figures for the previous
month and the year to date, as PDF and XLSX. The schedule is a django-celery-beat row that staff
edit or disable in the admin."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from djmoney.money import Money
from openpyxl import load_workbook

from donors.dashboard import previous_month
from reports import tasks
from tests.factories import (
    ContributionFactory,
    EventFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
)
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db


def test_the_migration_schedules_the_snapshot_on_the_first_of_each_month_at_six(settings):
    periodic_task = PeriodicTask.objects.get(name="Monthly management snapshot")

    assert periodic_task.task == "reports.start_monthly_snapshots"
    assert periodic_task.enabled
    schedule = periodic_task.crontab
    assert (schedule.minute, schedule.hour, schedule.day_of_month, schedule.month_of_year, schedule.day_of_week) == (
        "0",
        "6",
        "1",
        "*",
        "*",
    )
    assert str(schedule.timezone) == settings.TIME_ZONE


def test_staff_can_edit_and_disable_the_schedule_in_the_admin(client):
    periodic_task = PeriodicTask.objects.get(name="Monthly management snapshot")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:django_celery_beat_periodictask_change", args=[periodic_task.pk]))
    assert page.status_code == 200
    assert "reports.start_monthly_snapshots" in page.content.decode()
    response = client.post(
        reverse("admin:django_celery_beat_periodictask_changelist"),
        {"action": "disable_tasks", "_selected_action": [periodic_task.pk]},
    )
    assert response.status_code == 302
    periodic_task.refresh_from_db()
    assert not periodic_task.enabled


def test_the_task_starts_a_snapshot_job_for_the_previous_month(django_capture_on_commit_callbacks, manager):
    programme = ProgrammeFactory(short_name="SecTec")
    month = previous_month()
    event = EventFactory(
        programme=programme,
        starts_at=datetime.datetime.combine(month.replace(day=3), datetime.time(10), tzinfo=datetime.UTC),
    )
    RegistrationFactory(event=event, participant=ParticipantFactory(country="FJ"))
    ContributionFactory(
        programme=programme,
        amount=Money(Decimal("1200.00"), "USD"),
        covers_from=month.replace(month=1),
        covers_until=month.replace(month=12, day=31),
        signed_on=month.replace(month=1),
    )

    with django_capture_on_commit_callbacks(execute=True):  # tasks run eagerly once the job is committed
        job_ids = tasks.start_monthly_snapshots.delay(requested_by=manager.email).get()

    job = ReportJob.objects.get(pk__in=job_ids)
    assert job.kind == "management_snapshot"
    assert job.parameters == {"programme": "SecTec", "month": f"{month:%Y-%m}", "currency": "USD"}
    assert job.requested_by == manager
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    files = {report_file.format: report_file for report_file in job.files.all()}
    assert set(files) == {"pdf", "xlsx"}
    glance = list(load_workbook(io.BytesIO(files["xlsx"].file.read()))["At a glance"].iter_rows(values_only=True))
    assert glance[0] == ("Measure", f"{month:%B %Y}", "Year to date")
    assert ("Events", 1, 1) in glance
    assert ("Participants", 1, 1) in glance


def test_a_snapshot_can_be_run_by_hand_for_any_month(manager):
    ProgrammeFactory(short_name="SecTec")
    job = services.start_report_job(
        "management_snapshot", {"programme": "SecTec", "month": "2022-10", "currency": "USD"}, manager, enqueue=False
    )
    job = services.run_report_job(job.pk, job.attempts)
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    assert job.files.get(format="pdf").filename == "management-snapshot-sectec-2022-10.pdf"


def test_previous_month_crosses_the_new_year():
    assert previous_month(datetime.date(2027, 1, 1)) == datetime.date(2026, 12, 1)
    assert previous_month(datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 1)
