"""With a real Celery worker process and Redis: progress is visible while a report builds, and a
report whose worker is killed half way is finished by another worker instead of staying "running"."""

import time

import pytest

from tests.reporting.polling import poll
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

from .conftest import SECTEC_2022_2023

pytestmark = pytest.mark.worker

Status = ReportJob.Status
STALE_SECONDS = 3


@pytest.fixture
def slow_builds(monkeypatch, settings, report_files_in_a_temporary_folder):
    """Worker processes read these at start-up: every build step takes a second, heartbeats come
    every half second and go stale after three. The test process shares the files folder and the
    stale threshold, because it calls the sweeper itself."""
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "1")
    monkeypatch.setenv("REPORT_HEARTBEAT_SECONDS", "0.5")
    monkeypatch.setenv("REPORT_HEARTBEAT_STALE_SECONDS", str(STALE_SECONDS))
    monkeypatch.setenv("MEDIA_ROOT", str(report_files_in_a_temporary_folder))
    settings.REPORT_HEARTBEAT_STALE_SECONDS = STALE_SECONDS


def test_progress_is_visible_in_the_database_while_a_worker_builds_the_report(
    celery_worker_process, slow_builds, sectec, manager
):
    worker = celery_worker_process()
    seen = []

    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    poll(
        job, until=lambda job: job.is_finished, timeout=60, on_each=lambda job: seen.append((job.status, job.progress))
    )

    assert job.status == Status.SUCCEEDED, job.error
    assert job.celery_task_id in worker.log()
    progress_while_running = sorted({progress for status, progress in seen if status == Status.RUNNING})
    assert len([progress for progress in progress_while_running if 0 < progress < 100]) >= 3, seen
    assert seen[-1] == (Status.SUCCEEDED, 100)
    assert sorted(job.files.values_list("format", flat=True)) == ["html", "pdf", "xlsx"]


def test_a_report_whose_worker_is_killed_is_finished_by_another_worker(
    celery_worker_process, slow_builds, sectec, manager
):
    first_worker = celery_worker_process()
    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    poll(job, until=lambda job: job.status == Status.RUNNING and job.progress >= 30, timeout=60)

    first_worker.kill()
    killed_at_progress = job.progress
    time.sleep(STALE_SECONDS + 1)
    job.refresh_from_db()
    assert (job.status, job.progress) == (Status.RUNNING, killed_at_progress)  # nobody is building it any more

    second_worker = celery_worker_process()
    outcome = services.sweep_stale_jobs()
    assert outcome.requeued == [job.pk]

    poll(job, until=lambda job: job.is_finished, timeout=60)
    assert (job.status, job.attempts, job.progress) == (Status.SUCCEEDED, 2, 100), job.error
    assert job.celery_task_id in second_worker.log()
    assert sorted(job.files.values_list("format", flat=True)) == ["html", "pdf", "xlsx"]
    assert job.files.get(format="pdf").file.read().startswith(b"%PDF")
