"""The admin keeps the history of report runs, read-only, with a re-run action."""

import pytest

from tests.factories import ReportJobFactory
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db


def test_a_manager_sees_all_runs_in_the_admin_and_reruns_theirs(
    client, sectec, manager, other_manager, django_capture_on_commit_callbacks
):
    mine = ReportJobFactory(requested_by=manager, status=ReportJob.Status.FAILED, error="Worker lost")
    theirs = ReportJobFactory(requested_by=other_manager)
    client.force_login(manager)

    changelist = client.get("/admin/reporting/reportjob/")
    assert changelist.status_code == 200
    assert f"/admin/reporting/reportjob/{mine.pk}/change/" in changelist.content.decode()
    assert f"/admin/reporting/reportjob/{theirs.pk}/change/" in changelist.content.decode()
    assert client.get(f"/admin/reporting/reportjob/{mine.pk}/change/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/reporting/reportjob/", {"action": "rerun_selected_jobs", "_selected_action": [mine.pk]}, follow=True
        )

    rerun = ReportJob.objects.get(rerun_of=mine)
    assert f"Started again as #{rerun.pk}." in response.content.decode()
    assert (rerun.status, rerun.requested_by) == (ReportJob.Status.SUCCEEDED, manager)


def test_the_admin_refuses_to_rerun_a_job_still_running(client, manager):
    running = ReportJobFactory(requested_by=manager, status=ReportJob.Status.RUNNING)
    client.force_login(manager)

    response = client.post(
        "/admin/reporting/reportjob/", {"action": "rerun_selected_jobs", "_selected_action": [running.pk]}, follow=True
    )

    assert "still running" in response.content.decode()
    assert ReportJob.objects.count() == 1


def test_staff_who_may_not_run_reports_do_not_see_report_jobs_in_the_admin(client, programme_staff):
    client.force_login(programme_staff)

    assert client.get("/admin/reporting/reportjob/").status_code == 403


@pytest.mark.parametrize("number_of_jobs", [3, 30])
def test_the_admin_changelist_costs_the_same_queries_whatever_its_length(
    admin_client, number_of_jobs, django_assert_max_num_queries
):
    ReportJobFactory.create_batch(number_of_jobs)

    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/reporting/reportjob/")

    assert response.status_code == 200
