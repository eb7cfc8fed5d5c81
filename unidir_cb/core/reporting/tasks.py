"""Thin Celery wrappers over services.py. Both are safe to run twice (see the services' docstrings)."""

from celery import shared_task

from . import services


@shared_task(
    bind=True,
    name=services.RUN_REPORT_JOB_TASK,
    acks_late=True,  # a worker that dies mid-build has not acknowledged: the message is delivered again
    reject_on_worker_lost=True,  # a killed pool child requeues its message at once
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def run_report_job(self, job_id: int, attempt: int) -> str | None:
    job = services.run_report_job(
        job_id, attempt, task_id=self.request.id or "", retries_left=self.request.retries < self.max_retries
    )
    return job.status if job else None


@shared_task(name="reporting.sweep_stale_report_jobs", acks_late=True)
def sweep_stale_report_jobs() -> dict:
    outcome = services.sweep_stale_jobs()
    return {"requeued": outcome.requeued, "failed": outcome.failed}


@shared_task(name="reporting.delete_expired_report_files", acks_late=True)
def delete_expired_report_files() -> list[int]:
    return services.delete_expired_files()
