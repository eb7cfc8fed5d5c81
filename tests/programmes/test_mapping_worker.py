"""With a real Celery worker process and Redis: the mapping submission compiles and renders end to
end with visible progress, and a job whose worker dies after compiling is finished by another
worker on the version already compiled (no second version)."""

import time

import pytest

from programmes.models import MappingSubmission
from tests.programmes.letter_text import docx_text
from tests.reporting.polling import poll
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Status = ReportJob.Status
STALE_SECONDS = 3


@pytest.fixture
def slow_builds(monkeypatch, settings, rendered_files_in_a_temporary_folder):
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "0.5")
    monkeypatch.setenv("REPORT_HEARTBEAT_SECONDS", "0.5")
    monkeypatch.setenv("REPORT_HEARTBEAT_STALE_SECONDS", str(STALE_SECONDS))
    monkeypatch.setenv("MEDIA_ROOT", str(rendered_files_in_a_temporary_folder))
    settings.REPORT_HEARTBEAT_STALE_SECONDS = STALE_SECONDS


def test_a_worker_compiles_and_renders_the_submission_with_visible_progress(
    celery_worker_process, slow_builds, space_programme, manager
):
    worker = celery_worker_process()
    seen = []

    job = services.start_report_job("mapping_submission", {"exercise": space_programme.reference}, manager)
    poll(job, until=lambda job: job.is_finished, timeout=90, on_each=lambda job: seen.append(job.progress_message))

    assert job.status == Status.SUCCEEDED, job.error
    assert job.celery_task_id in worker.log()
    assert {"Counting publications and translations", "Rendering the PDF"} <= set(seen), seen
    assert sorted(job.files.values_list("format", flat=True)) == ["docx", "html", "pdf"]
    assert "Dear Dr. Okafor," in docx_text(job.files.get(format="docx").file.read())
    submission = MappingSubmission.objects.get()
    assert (submission.report_job, submission.rendering_job, submission.version) == (job, job, 1)


def test_a_job_whose_worker_died_after_compiling_is_finished_on_the_same_version(
    celery_worker_process, slow_builds, space_programme, manager
):
    first_worker = celery_worker_process()
    job = services.start_report_job("mapping_submission", {"exercise": space_programme.reference}, manager)
    poll(job, until=lambda job: job.status == Status.RUNNING and job.progress >= 50, timeout=90)

    first_worker.kill()
    compiled = MappingSubmission.objects.get()
    time.sleep(STALE_SECONDS + 1)
    second_worker = celery_worker_process()
    assert services.sweep_stale_jobs().requeued == [job.pk]

    poll(job, until=lambda job: job.is_finished, timeout=90)
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 2), job.error
    assert job.celery_task_id in second_worker.log()
    assert list(MappingSubmission.objects.values_list("pk", flat=True)) == [compiled.pk]
    assert job.files.get(format="pdf").file.read().startswith(b"%PDF")
