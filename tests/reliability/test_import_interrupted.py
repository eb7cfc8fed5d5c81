"""Imports against the world: a register of thousands of people uploaded through the admin under
gunicorn is imported by a worker, whatever gunicorn's timeout; the database connection cut in the
middle of a confirm saves nothing of that attempt, and the retry imports the whole file once."""

import csv
import io
import re

import pytest
import requests
from django.core.files.base import ContentFile
from django.db import connection

from events.models import Participant
from tests.conftest import WorkerProcess, wait_until
from tests.factories import STAFF_PASSWORD, UserFactory
from tests.reporting.polling import poll
from unidir_cb.core.data_transfer.forms import IMPORT_KIND
from unidir_cb.core.models import DataImport
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [pytest.mark.reliability, pytest.mark.postgres, pytest.mark.timeout(300)]

Status = ReportJob.Status
DOMAIN = "register.reliability.example"


def register(rows: int) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["email", "first_name", "last_name", "country", "organisation_kind"])
    for number in range(rows):
        writer.writerow([f"person.{number}@{DOMAIN}", "Amina", f"Diallo {number}", "SN", "government"])
    return text.getvalue().encode()


def imported_people() -> int:
    return Participant.objects.filter(email__endswith=f"@{DOMAIN}").count()


def test_a_register_of_six_thousand_people_uploaded_under_gunicorn_is_imported_by_the_worker(
    celery, private_redis, media, start_site
):
    # Before imports ran as jobs, this file ran into gunicorn's 30-second timeout: an HTTP 500.
    UserFactory(username="clerk@example.org", email="clerk@example.org", is_staff=True, is_superuser=True)
    celery(WorkerProcess)
    site = start_site(CELERY_BROKER_URL=private_redis.url())
    browser = requests.Session()
    login_page = browser.get(f"{site.url}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)[1]
    browser.post(
        f"{site.url}/admin/login/?next=/admin/",
        data={"username": "clerk@example.org", "password": STAFF_PASSWORD, "csrfmiddlewaretoken": token},
        timeout=30,
    )
    form = browser.get(f"{site.url}/admin/events/participant/import/", timeout=30)
    assert form.status_code == 200, form.text[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]

    upload = browser.post(
        f"{site.url}/admin/events/participant/import/",
        data={"format": "csv", "csrfmiddlewaretoken": token},
        files={"import_file": ("register.csv", register(6000), "text/csv")},
        allow_redirects=False,
        timeout=30,
    )

    assert upload.status_code == 302, upload.text[:500]  # to the job's page, not waiting on rows
    data_import = DataImport.objects.get(file_name="register.csv")
    preview = poll(data_import.preview_job, until=lambda job: job.is_finished, timeout=120)
    assert preview.status == Status.SUCCEEDED, preview.error
    assert preview.result["import"]["totals"]["new"] == 6000
    assert imported_people() == 0  # a preview saves nothing
    confirm = browser.post(
        f"{site.url}/admin/events/participant/import/{data_import.pk}/confirm/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=30,
    )
    assert confirm.status_code == 302, confirm.text[:500]
    data_import.refresh_from_db()
    confirmed = poll(data_import.confirm_job, until=lambda job: job.is_finished, timeout=120)
    assert confirmed.status == Status.SUCCEEDED, confirmed.error
    assert imported_people() == 6000
    assert "WORKER TIMEOUT" not in site.log()


def cut_every_other_connection() -> int:
    """What a database restart or a network cut does to the worker: its connections end at once."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_the_database_connection_cut_during_an_import_confirm_saves_nothing_and_the_retry_imports_all(
    celery, media, monkeypatch
):
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "0.3")  # a batch of 1,000 rows every 0.3 s at least
    clerk = UserFactory(is_staff=True, is_superuser=True)
    worker = celery(WorkerProcess)
    data_import = DataImport.objects.create(
        target="events.participant",
        file=ContentFile(register(20_000), name="register.csv"),
        file_name="register.csv",
        file_format="csv",
        uploaded_by=clerk,
    )
    preview = services.start_report_job(IMPORT_KIND, {"data_import": data_import.pk, "dry_run": True}, clerk)
    assert poll(preview, until=lambda job: job.is_finished, timeout=120).status == Status.SUCCEEDED
    job = services.start_report_job(IMPORT_KIND, {"data_import": data_import.pk, "dry_run": False}, clerk)
    poll(job, until=lambda job: job.status == Status.RUNNING and job.progress >= 30, timeout=120)

    assert cut_every_other_connection() >= 1

    assert imported_people() == 0  # the attempt's rows went with its transaction
    wait_until(
        lambda: (
            "Waiting to retry after a temporary problem" in ReportJob.objects.get(pk=job.pk).progress_message
            or ReportJob.objects.get(pk=job.pk).is_finished
        ),
        60,
        f"the job neither waited for a retry nor finished:\n{worker.log()}",
    )
    finished = poll(job, until=lambda job: job.is_finished, timeout=180)
    assert finished.status == Status.SUCCEEDED, f"{finished.error}\n{worker.log()}"
    assert finished.result["import"]["totals"]["new"] == 20_000
    assert imported_people() == 20_000  # the whole file, once
    assert worker.is_alive(), worker.log()
