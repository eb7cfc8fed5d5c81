"""Bad parameters never crash anything: the job fails at once with a reason staff can act on, and
the report page shows the same reason on the form without starting a job."""

import pytest

from publications.models import Publication
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

from .conftest import SECTEC_2022_2023

pytestmark = pytest.mark.django_db

Status = ReportJob.Status


def start(parameters, kind="activity_summary", requested_by=None):
    return services.start_report_job(kind, parameters, requested_by=requested_by, enqueue=False)


def test_an_unknown_programme_fails_the_job_and_names_the_programme(sectec, manager):
    job = start({**SECTEC_2022_2023, "programme": "CyberX"}, requested_by=manager)

    assert job.status == Status.FAILED
    assert job.error == "Programme: There is no programme with the short name “CyberX”."
    assert job.requested_by == manager
    assert job.finished_at is not None and job.started_at is None
    assert job.attempts == 0


def test_a_period_ending_before_it_starts_fails_the_job_with_both_dates(sectec):
    job = start({**SECTEC_2022_2023, "start": "2023-12-31", "end": "2022-01-01"})

    assert job.status == Status.FAILED
    assert job.error == "End of the period: The period ends (2022-01-01) before it starts (2023-12-31)."


def test_an_empty_period_fails_the_job_saying_there_is_nothing_to_report(sectec):
    job = start({**SECTEC_2022_2023, "start": "2030-01-01", "end": "2030-12-31"})

    assert job.status == Status.FAILED
    assert job.error == (
        "SecTec published nothing and held no events between 2030-01-01 and 2030-12-31: there is nothing to report."
    )


def test_missing_and_malformed_dates_are_each_named(sectec):
    job = start({"programme": "SecTec", "end": "31/12/2023"})

    assert "Start of the period: This field is required." in job.error
    assert "End of the period: Enter a valid date." in job.error


def test_an_unknown_kind_of_report_and_unexpected_parameters_are_refused(sectec):
    unknown_kind = start(SECTEC_2022_2023, kind="annual_accounts")
    unexpected = start({**SECTEC_2022_2023, "donor": "EU"})

    assert unknown_kind.status == unexpected.status == Status.FAILED
    assert unknown_kind.error.startswith("There is no report called 'annual_accounts'. Known reports:")
    assert "activity_summary" in unknown_kind.error
    assert unexpected.error == "Activity summary does not take donor; it takes programme, start, end."


def test_parameters_are_checked_again_when_the_worker_runs_the_job(sectec):
    job = start({**SECTEC_2022_2023, "start": "2023-06-01"})  # valid now: a publication in December 2023
    Publication.objects.filter(programme=sectec).delete()
    sectec.events.all().delete()

    job = services.run_report_job(job.pk, job.attempts)

    assert job.status == Status.FAILED
    assert "there is nothing to report" in job.error


def test_the_report_page_shows_bad_parameters_on_the_form_and_starts_nothing(client, sectec, manager):
    client.force_login(manager)

    response = client.post(
        "/reports/new/activity_summary/", {"programme": "SecTec", "start": "2023-12-31", "end": "2022-01-01"}
    )

    assert response.status_code == 200
    assert "The period ends (2022-01-01) before it starts (2023-12-31)." in response.content.decode()
    assert not ReportJob.objects.exists()
