"""With a real Celery worker process and Redis: progress is visible while a report builds, and a
report whose worker is killed half way is finished by another worker instead of staying "running"."""

import time

import pytest

from unidir_cb.reporting import services
from unidir_cb.reporting.models import ReportJob

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


@pytest.fixture
def start_worker(celery_worker_process):
    """celery_worker_process, sending through Redis even after earlier tests ran tasks eagerly.

    Celery's eager path acquires a producer, which caches a producer pool for the broker URL of the
    time (none, so amqp://localhost); tests/conftest.py's broker_in_use resets app._pool but not that
    cache, so without this the test's tasks would go nowhere."""
    from unidir_cb.celery import app

    app.amqp._producer_pool = None
    yield celery_worker_process
    app.amqp._producer_pool = None


def poll(job, until, timeout, on_each=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if on_each:
            on_each(job)
        if until(job):
            return job
        time.sleep(0.1)
    pytest.fail(f"report job #{job.pk} stayed {job.status} at {job.progress}% ({job.progress_message}): {job.error}")


def test_progress_is_visible_in_the_database_while_a_worker_builds_the_report(
    start_worker, slow_builds, sectec, manager
):
    worker = start_worker()
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


def test_a_report_whose_worker_is_killed_is_finished_by_another_worker(start_worker, slow_builds, sectec, manager):
    first_worker = start_worker()
    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    poll(job, until=lambda job: job.status == Status.RUNNING and job.progress >= 30, timeout=60)

    first_worker.kill()
    killed_at_progress = job.progress
    time.sleep(STALE_SECONDS + 1)
    job.refresh_from_db()
    assert (job.status, job.progress) == (Status.RUNNING, killed_at_progress)  # nobody is building it any more

    second_worker = start_worker()
    outcome = services.sweep_stale_jobs()
    assert outcome.requeued == [job.pk]

    poll(job, until=lambda job: job.is_finished, timeout=60)
    assert (job.status, job.attempts, job.progress) == (Status.SUCCEEDED, 2, 100), job.error
    assert job.celery_task_id in second_worker.log()
    assert sorted(job.files.values_list("format", flat=True)) == ["html", "pdf", "xlsx"]
    assert job.files.get(format="pdf").file.read().startswith(b"%PDF")
