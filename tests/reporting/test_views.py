"""The report pages: only people who may run reports get in, they see and download only their own
runs, and a job page follows progress live (JavaScript) or by refreshing itself (no JavaScript)."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from tests.conftest import broker_in_use
from tests.factories import ReportJobFactory, UserFactory
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

from .conftest import SECTEC_2022_2023

pytestmark = pytest.mark.django_db

Status = ReportJob.Status


def finished_report(requested_by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=requested_by)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED, job.error
    return job


def job_urls(job):
    return [
        f"/reports/{job.pk}/",
        f"/reports/{job.pk}/status.json",
        f"/reports/{job.pk}/files/pdf/",
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    job = ReportJobFactory()

    for url in ["/reports/", "/reports/new/activity_summary/", *job_urls(job)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
        assert "next=" in response["Location"]
    assert client.post(f"/reports/{job.pk}/rerun/").status_code == 302


def test_staff_who_may_not_run_reports_are_refused(client, programme_staff):
    job = ReportJobFactory(requested_by=programme_staff)
    client.force_login(programme_staff)

    for url in ["/reports/", "/reports/new/activity_summary/", *job_urls(job)]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/reports/{job.pk}/rerun/").status_code == 403


def test_a_manager_starts_a_report_follows_it_and_downloads_its_files(
    client, sectec, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    assert 'href="/reports/new/activity_summary/"' in client.get("/reports/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/reports/new/activity_summary/", {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31"}
        )

    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{job.pk}/"
    assert (job.requested_by, job.parameters) == (manager, SECTEC_2022_2023)
    page = client.get(response["Location"]).content.decode()
    assert f'href="/reports/{job.pk}/files/pdf/"' in page
    assert f'href="/reports/{job.pk}/files/xlsx/"' in page
    assert 'http-equiv="refresh"' not in page  # finished: nothing left to follow

    download = client.get(f"/reports/{job.pk}/files/pdf/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="activity-summary-sectec-2022-01-01-2023-12-31.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_job_page_polls_without_inline_script_and_refreshes_itself_without_javascript(client, manager):
    job = ReportJobFactory(
        requested_by=manager, status=Status.RUNNING, progress=40, progress_message="Rendering the PDF"
    )
    client.force_login(manager)

    response = client.get(f"/reports/{job.pk}/")
    page = response.content.decode()

    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert '<script src="/static/reporting/job_progress.js" defer></script>' in page
    assert "<script>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert f'data-status-url="/reports/{job.pk}/status.json"' in page
    assert 'value="40"' in page and "Rendering the PDF" in page


def test_the_status_endpoint_reports_progress_then_files(client, sectec, manager, django_capture_on_commit_callbacks):
    client.force_login(manager)
    running = ReportJobFactory(
        requested_by=manager,
        status=Status.RUNNING,
        progress=60,
        progress_message="Rendering",
        started_at=datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC),
        finished_at=None,
    )

    status = client.get(f"/reports/{running.pk}/status.json")
    assert status["Cache-Control"].startswith("max-age=0")
    assert status.json() == {
        "id": running.pk,
        "status": "running",
        "status_label": "Running",
        "progress": 60,
        "progress_message": "Rendering",
        "finished": False,
        "next_page": "",
        "error": "",
        "started_at": "2024-03-01 10:30:00",  # in the project's time zone
        "finished_at": "—",
        "files": [],
    }

    done = finished_report(manager, django_capture_on_commit_callbacks)
    files = client.get(f"/reports/{done.pk}/status.json").json()["files"]
    assert [(file["format"], file["url"]) for file in files] == [
        ("html", f"/reports/{done.pk}/files/html/"),
        ("pdf", f"/reports/{done.pk}/files/pdf/"),
        ("xlsx", f"/reports/{done.pk}/files/xlsx/"),
    ]


def report_runner_outside_management():
    user = UserFactory(is_staff=True, email="runner@unidir.example")
    user.user_permissions.add(Permission.objects.get(codename="run_reports"))
    return user


def test_another_persons_reports_and_their_files_are_not_found(
    client, sectec, manager, django_capture_on_commit_callbacks
):
    theirs = finished_report(manager, django_capture_on_commit_callbacks)
    client.force_login(report_runner_outside_management())

    for url in job_urls(theirs):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/reports/{theirs.pk}/rerun/").status_code == 404
    assert f"/reports/{theirs.pk}/" not in client.get("/reports/").content.decode()


def test_a_superuser_sees_and_downloads_everyones_reports(client, sectec, manager, django_capture_on_commit_callbacks):
    job = finished_report(manager, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(f"/reports/{job.pk}/files/xlsx/").status_code == 200
    assert "manager@unidir.example" in client.get("/reports/").content.decode()


def test_management_see_each_others_runs_and_scheduled_ones(
    client, sectec, manager, other_manager, django_capture_on_commit_callbacks
):
    theirs = finished_report(other_manager, django_capture_on_commit_callbacks)
    scheduled = ReportJobFactory(requested_by=None, kind="activity_summary", status=Status.QUEUED)
    client.force_login(manager)

    assert client.get(f"/reports/{theirs.pk}/files/xlsx/").status_code == 200
    listing = client.get("/reports/").content.decode()
    assert f"/reports/{theirs.pk}/" in listing
    assert f"/reports/{scheduled.pk}/" in listing


def test_runs_of_a_kind_someone_may_not_run_stay_hidden_even_from_management(
    client, fake_report, manager, other_manager, monkeypatch
):
    monkeypatch.setattr(fake_report, "required_permissions", ("programmes.run_reports", "auth.delete_user"))
    theirs = ReportJobFactory(requested_by=other_manager, kind=fake_report.name, status=Status.QUEUED)
    client.force_login(manager)

    assert client.get(f"/reports/{theirs.pk}/").status_code == 404


def test_files_of_a_job_that_has_not_succeeded_are_not_found(client, manager):
    failed = ReportJobFactory(requested_by=manager, status=Status.FAILED, error="No data")
    client.force_login(manager)

    assert client.get(f"/reports/{failed.pk}/files/pdf/").status_code == 404


def test_a_failed_job_shows_why_and_is_rerun_from_its_page(client, sectec, manager, django_capture_on_commit_callbacks):
    failed = services.start_report_job(
        "activity_summary", {**SECTEC_2022_2023, "programme": "Nope"}, requested_by=manager
    )
    client.force_login(manager)
    page = client.get(f"/reports/{failed.pk}/").content.decode()
    assert "There is no programme with the short name “Nope”." in page
    assert f'action="/reports/{failed.pk}/rerun/"' in page

    ReportJob.objects.filter(pk=failed.pk).update(parameters=SECTEC_2022_2023)  # the data was corrected
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/{failed.pk}/rerun/")

    rerun = ReportJob.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == f"/reports/{rerun.pk}/"
    assert (rerun.status, rerun.rerun_of_id) == (Status.SUCCEEDED, failed.pk)


def test_a_running_job_cannot_be_rerun(client, manager):
    running = ReportJobFactory(requested_by=manager, status=Status.RUNNING)
    client.force_login(manager)

    response = client.post(f"/reports/{running.pk}/rerun/", follow=True)

    assert "still running" in response.content.decode()
    assert ReportJob.objects.count() == 1


def test_the_reports_link_shows_only_to_people_who_may_run_reports(client, manager, programme_staff):
    client.force_login(programme_staff)
    assert 'href="/reports/"' not in client.get("/en/").content.decode()
    client.force_login(manager)
    assert 'href="/reports/"' in client.get("/en/").content.decode()


@pytest.mark.parametrize("number_of_jobs", [3, 30])
def test_the_list_of_past_runs_costs_the_same_queries_whatever_its_length(
    client, manager, number_of_jobs, django_assert_max_num_queries
):
    for job in ReportJobFactory.create_batch(number_of_jobs, requested_by=manager):
        job.files.create(format="pdf", filename="summary.pdf", size=10, file="reports/x/summary.pdf")
    client.force_login(manager)

    with django_assert_max_num_queries(8):
        response = client.get("/reports/")

    assert response.content.decode().count("summary.pdf") == 0  # links show the format, not the name
    assert response.content.decode().count(">PDF</a>") == number_of_jobs


def test_a_kind_that_needs_more_permissions_is_refused_to_those_without_them(client, fake_report, manager, monkeypatch):
    monkeypatch.setattr(fake_report, "required_permissions", ("programmes.run_reports", "donors.change_contribution"))
    job = ReportJobFactory(kind="fake_report", parameters={"title": "Funding"}, requested_by=manager)
    client.force_login(manager)

    assert client.get("/reports/new/fake_report/").status_code == 403
    assert client.get(f"/reports/{job.pk}/").status_code == 403
    assert client.get(f"/reports/{job.pk}/files/pdf/").status_code == 403
    assert 'href="/reports/new/fake_report/"' not in client.get("/reports/").content.decode()


def test_submitting_the_report_form_twice_starts_one_job(client, sectec, manager):
    """The second click (or a browser resubmitting the form) lands on the job the first one started."""
    client.force_login(manager)
    form = {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31"}

    first = client.post("/reports/new/activity_summary/", form)
    second = client.post("/reports/new/activity_summary/", form)

    job = ReportJob.objects.get()
    assert first["Location"] == second["Location"] == f"/reports/{job.pk}/"
    assert job.status == ReportJob.Status.QUEUED


def test_a_job_started_while_the_task_queue_is_down_says_it_waits_for_it(
    client, sectec, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with broker_in_use("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/reports/new/activity_summary/", {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31"}
        )
    job = ReportJob.objects.get()

    status = client.get(f"/reports/{job.pk}/status.json").json()

    assert status["status"] == "queued"
    assert status["progress_message"] == "The task queue cannot be reached; the report starts as soon as it answers."
    assert status["progress_message"] in client.get(f"/reports/{job.pk}/").content.decode()
