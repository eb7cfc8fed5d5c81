"""Operations on report jobs: start, run, re-run, and sweep jobs whose worker died.

Who owns a running job is fenced by its `attempts` number. A task carries the attempt it was sent
for; every write it makes (progress, heartbeat, result) is conditional on the job still being
"running" with that attempt. When the sweeper hands a job whose heartbeat went stale to a new
attempt, a worker that was only slow (not dead) finds its writes refused and stops, so a job is
never finished twice and its files never mix two builds.

Files are built in memory first, then stored and recorded with the status change in one
transaction: a job is either succeeded with all its files or has none.

Starting is idempotent: while a job of the same person, kind and parameters is queued or running,
starting it again returns that job (a database constraint settles two requests racing). Jobs reach
the broker through the kernel's outbox, so one started while the broker is unreachable is sent as
soon as it answers; the sweeper leaves such a job to the outbox and only requeues one whose message
reached the broker long ago, or whose worker stopped sending heartbeats.
"""

import datetime
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation

from unidir_cb.core import outbox
from unidir_cb.core.models import OutboxMessage

from . import registry
from .models import ReportFile, ReportJob
from .registry import BuildResult, ReportBuildError, ReportOutput, ReportParametersError

logger = logging.getLogger(__name__)

Status = ReportJob.Status
ACTIVE_STATUSES = (Status.QUEUED, Status.RUNNING)
# The Celery task that runs a job (tasks.py). Sent by name, so that this module, which tasks.py wraps,
# need not import it back.
RUN_REPORT_JOB_TASK = "reporting.run_report_job"

# Worth retrying the whole build: the database or another service was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class ReportJobError(Exception):
    """An operation on a job refused for a reason staff should read."""


class ReportJobSuperseded(Exception):
    """This attempt no longer owns the job: it finished, or the sweeper gave it to a newer attempt."""


# Starting and re-running -------------------------------------------------------------------------


def start_report_job(
    kind: str,
    parameters,
    requested_by=None,
    *,
    rerun_of: ReportJob | None = None,
    enqueue: bool = True,
    keep_files: bool = False,
) -> ReportJob:
    """A new job for `kind`, or the one `requested_by` already has queued or running with the same
    parameters. Parameters are checked first: bad ones give a job that failed at once with the reason,
    never a crash or a task. With `enqueue`, a worker is asked to run it once the transaction commits;
    without, the caller runs it (the management command does). With `keep_files`, its files are never
    deleted by the retention rule (delete_expired_files)."""
    now = timezone.now()
    digest = ReportJob.digest_of(parameters)
    active = _active_job(requested_by, kind, digest)
    if active is not None:
        return _joined(active, keep_files)
    try:
        registry.get_kind(kind).validate(parameters)
    except ReportParametersError as error:
        return ReportJob.objects.create(
            kind=kind,
            parameters=parameters,
            requested_by=requested_by,
            rerun_of=rerun_of,
            status=Status.FAILED,
            keep_files=keep_files,
            progress_message="Not started: the parameters are not valid",
            error=str(error),
            finished_at=now,
        )
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                kind=kind,
                parameters=parameters,
                parameters_digest=digest,
                requested_by=requested_by,
                rerun_of=rerun_of,
                keep_files=keep_files,
                status=Status.QUEUED,
                attempts=1,
                queued_at=now,
                progress_message="Waiting for a worker",
                celery_task_id=str(uuid.uuid4()),
            )
            if enqueue:
                dispatch_on_commit(job.pk, job.attempts, job.celery_task_id)
    except IntegrityError:
        # Another request created the same job between the look-up above and this insert.
        active = _active_job(requested_by, kind, digest)
        if active is None:
            raise
        return _joined(active, keep_files)
    return job


def _active_job(requested_by, kind: str, digest: str) -> ReportJob | None:
    if requested_by is None:  # jobs of nobody (the command line) are never merged
        return None
    return ReportJob.objects.filter(
        requested_by=requested_by, kind=kind, parameters_digest=digest, status__in=ACTIVE_STATUSES
    ).first()


def _joined(active: ReportJob, keep_files: bool) -> ReportJob:
    """The job a second start returns; a start that asked to keep the files keeps that job's."""
    if keep_files:
        keep_files_of(active)
    return active


def rerun_report_job(job: ReportJob, requested_by=None) -> ReportJob:
    """A new job with the same kind and parameters; the old one and its files stay as they were."""
    if not job.is_finished:
        raise ReportJobError(f"Report #{job.pk} is still {job.get_status_display().lower()}; wait for it to finish.")
    return start_report_job(job.kind, job.parameters, requested_by or job.requested_by, rerun_of=job)


def dispatch_on_commit(job_id: int, attempt: int, task_id: str) -> None:
    outbox.send_after_commit(RUN_REPORT_JOB_TASK, [job_id, attempt], task_id=task_id)


# Running -----------------------------------------------------------------------------------------


def run_report_job(
    job_id: int, attempt: int, *, task_id: str = "", on_progress=None, retries_left: bool = False
) -> ReportJob | None:
    """Build the job's files. Returns the finished job, or None when there was nothing to do: the job
    already finished, another attempt owns it, or this message is a redelivery of one still running.

    Transient errors (database briefly unreachable) put the job back in the queue and are raised for
    Celery to retry while `retries_left`; any other error fails the job with a message for staff."""
    if not claim_report_job(job_id, attempt, task_id):
        logger.info(
            "Report job %s attempt %s: nothing to do (finished, running elsewhere or superseded)", job_id, attempt
        )
        return None
    try:
        job = ReportJob.objects.get(pk=job_id)
        kind = registry.get_kind(job.kind)
        heartbeat = Heartbeat(job_id, attempt, deferred_progress=kind.builds_in_one_transaction)
        progress = JobProgress(job_id, attempt, on_progress, heartbeat=heartbeat)
        with heartbeat, translation.override(registry.DOCUMENT_LANGUAGE):
            built = kind.build(job, progress)
        if heartbeat.superseded:
            raise ReportJobSuperseded(job_id)
        save_outputs_and_succeed(job_id, attempt, registry.as_build_result(built))
    except ReportJobSuperseded:
        logger.warning("Report job %s attempt %s was handed to a newer attempt; this one stops", job_id, attempt)
        return None
    except (ReportParametersError, ReportBuildError) as error:
        fail_report_job(job_id, attempt, str(error))
    except SoftTimeLimitExceeded:
        minutes = round(settings.CELERY_TASK_SOFT_TIME_LIMIT / 60)
        fail_report_job(job_id, attempt, f"The report took longer than the {minutes}-minute limit and was stopped.")
    except TRANSIENT_ERRORS as error:
        if retries_left:
            release_for_retry(job_id, attempt, error)
            raise
        logger.exception("Report job %s attempt %s: temporary error persisted", job_id, attempt)
        fail_report_job(
            job_id,
            attempt,
            f"A temporary problem reaching the database or another service persisted after several tries "
            f"({error}). Re-run the report; if it fails again, tell the developers.",
        )
    except Exception as error:
        logger.exception("Report job %s attempt %s failed", job_id, attempt)
        fail_report_job(
            job_id,
            attempt,
            f"The report could not be built because of an unexpected error ({type(error).__name__}: "
            f"{str(error)[:300]}). "
            "Re-run it; if it fails again, tell the developers, who will find the details in the worker log.",
        )
    return ReportJob.objects.get(pk=job_id)


def claim_report_job(job_id: int, attempt: int, task_id: str = "") -> bool:
    """Mark the job running for this attempt, if it is queued for it. A redelivered message for a job
    that finished, runs, or was re-sent as a later attempt claims nothing: tasks are idempotent."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=Status.QUEUED, attempts=attempt).update(
        status=Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        progress=0,
        progress_message="Started",
        error="",
        updated_at=now,
        **({"celery_task_id": task_id} if task_id else {}),
    )
    return claimed == 1


def _owned_by(job_id: int, attempt: int):
    return ReportJob.objects.filter(pk=job_id, status=Status.RUNNING, attempts=attempt)


class JobProgress:
    """The `progress(percent, message)` callable a build receives. Each call records progress and a
    heartbeat, and raises ReportJobSuperseded if the job was handed to another attempt.

    A build that writes in one transaction (an import) must not write the job's row from inside it:
    nobody would see the progress before the end, and the row would stay locked against the
    heartbeat. Its progress is handed to the heartbeat thread, which writes it on its own connection."""

    def __init__(self, job_id: int, attempt: int, on_progress=None, heartbeat: "Heartbeat | None" = None):
        self.job_id = job_id
        self.attempt = attempt
        self.on_progress = on_progress
        self.heartbeat = heartbeat

    def __call__(self, percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        if self.heartbeat is not None and self.heartbeat.deferred_progress:
            if self.heartbeat.superseded:
                raise ReportJobSuperseded(self.job_id)
            self.heartbeat.latest_progress = (percent, message[:255])
        else:
            now = timezone.now()
            updated = _owned_by(self.job_id, self.attempt).update(
                progress=percent, progress_message=message[:255], heartbeat_at=now, updated_at=now
            )
            if not updated:
                raise ReportJobSuperseded(self.job_id)
        if self.on_progress:
            self.on_progress(percent, message)
        if settings.REPORT_STEP_DELAY_SECONDS:
            # Tests only (settings ignore it outside DJANGO_ENV=test): keeps a job running long
            # enough to watch its progress or kill its worker half way.
            time.sleep(settings.REPORT_STEP_DELAY_SECONDS)


def record_heartbeat(job_id: int, attempt: int, progress: tuple[int, str] | None = None) -> bool:
    now = timezone.now()
    reported = {"progress": progress[0], "progress_message": progress[1]} if progress else {}
    return _owned_by(job_id, attempt).update(heartbeat_at=now, updated_at=now, **reported) == 1


# How often the heartbeat thread writes the progress of a build that writes in one transaction.
DEFERRED_PROGRESS_SECONDS = 2


class Heartbeat:
    """Keeps heartbeat_at fresh from a background thread while a build runs, so one long step
    (a big PDF) is not mistaken for a dead worker. The thread dies with the process, so a killed
    worker's job goes stale and the sweeper requeues it. With deferred_progress it also writes the
    build's latest progress (see JobProgress)."""

    def __init__(self, job_id: int, attempt: int, interval: float | None = None, deferred_progress: bool = False):
        self.job_id = job_id
        self.attempt = attempt
        self.interval = interval if interval is not None else settings.REPORT_HEARTBEAT_SECONDS
        self.deferred_progress = deferred_progress
        if deferred_progress:
            self.interval = min(self.interval, DEFERRED_PROGRESS_SECONDS)
        self.latest_progress: tuple[int, str] | None = None
        self.superseded = False
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"report-job-{job_id}-heartbeat", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join(timeout=max(self.interval, 1) + 5)
        return False

    def _beat(self):
        try:
            while not self.stopped.wait(self.interval):
                try:
                    if not record_heartbeat(self.job_id, self.attempt, self.latest_progress):
                        self.superseded = True
                        return  # finished or superseded: the build learns it at its next progress call
                except Exception:
                    logger.warning("Report job %s: heartbeat not recorded", self.job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection


def save_outputs_and_succeed(job_id: int, attempt: int, built: BuildResult) -> None:
    """Store every file and mark the job succeeded in one transaction; on any failure the stored
    files are removed again, so a job never has half a set of files."""
    outputs = built.outputs
    kind = registry.get_kind(ReportJob.objects.values_list("kind", flat=True).get(pk=job_id))
    check_outputs(outputs, needs_files=kind.produces_files)
    stored_names = []
    try:
        with transaction.atomic():
            now = timezone.now()
            # The ownership check is the transaction's first statement and a write: it locks the job
            # row on PostgreSQL and takes SQLite's write lock up front (a read first could deadlock
            # with a concurrent writer and fail at once instead of waiting). Nobody sees "succeeded"
            # before the files below are recorded too.
            succeeded = _owned_by(job_id, attempt).update(
                status=Status.SUCCEEDED,
                progress=100,
                progress_message="Done",
                result=built.summary,
                finished_at=now,
                heartbeat_at=now,
                updated_at=now,
            )
            if not succeeded:
                raise ReportJobSuperseded(job_id)
            for output in outputs:
                report_file = ReportFile(
                    job_id=job_id, format=output.format, filename=output.filename, size=output.size
                )
                with output.opened() as content:
                    report_file.file.save(output.filename, content, save=False)
                stored_names.append(report_file.file.name)
                report_file.save()
            job = ReportJob.objects.get(pk=job_id)
            registry.get_kind(job.kind).on_success(job)
    except BaseException:
        storage = ReportFile._meta.get_field("file").storage
        for name in stored_names:
            storage.delete(name)
        raise


def check_outputs(outputs: list[ReportOutput], needs_files: bool = True) -> None:
    if needs_files and not outputs:
        raise ReportBuildError("The report produced no files.")
    for output in outputs:
        # Documents are built in memory, so their size is capped; an export written to disk as its rows
        # are read (output.path) is as long as its rows, and only the disk bounds it.
        if output.path is None and output.size > settings.REPORT_FILE_MAX_BYTES:
            raise ReportBuildError(
                f"The {output.format.upper()} file came to {filesizeformat(output.size)}, more than the "
                f"{filesizeformat(settings.REPORT_FILE_MAX_BYTES)} a report file may have. Choose a shorter period "
                "or fewer items; the limit is the REPORT_FILE_MAX_BYTES setting."
            )
    formats = [output.format for output in outputs]
    unknown = set(formats) - set(ReportFile.Format.values)
    if unknown or len(set(formats)) != len(formats):
        raise ValueError(f"A build must return at most one file per known format, not {formats}.")


def fail_report_job(job_id: int, attempt: int, message: str) -> bool:
    now = timezone.now()
    return (
        _owned_by(job_id, attempt).update(
            status=Status.FAILED, error=message, finished_at=now, progress_message="Failed", updated_at=now
        )
        == 1
    )


def release_for_retry(job_id: int, attempt: int, error: Exception) -> None:
    """Back to the queue for the same attempt, so Celery's retry of this message can claim it."""
    now = timezone.now()
    _owned_by(job_id, attempt).update(
        status=Status.QUEUED,
        queued_at=now,
        started_at=None,
        heartbeat_at=None,
        progress=0,
        progress_message=f"Waiting to retry after a temporary problem: {error}"[:255],
        updated_at=now,
    )


# Sweeping ----------------------------------------------------------------------------------------


@dataclass
class SweepOutcome:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def sweep_stale_jobs(now=None) -> SweepOutcome:
    """Requeue jobs whose worker stopped answering, and jobs no worker picked up; give up on a job
    after REPORT_MAX_ATTEMPTS so none stays queued or running for ever. Runs every minute (beat).

    Redis hands a dead worker's message to another only after the visibility timeout (an hour), and
    a job may die between messages, so the heartbeat, not the broker, decides."""
    now = now or timezone.now()
    heartbeat_stale_before = now - datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_STALE_SECONDS)
    queue_stale_before = now - datetime.timedelta(seconds=settings.REPORT_QUEUED_STALE_SECONDS)
    outcome = SweepOutcome()
    stale_running = ReportJob.objects.filter(status=Status.RUNNING).filter(
        Q(heartbeat_at__lt=heartbeat_stale_before) | Q(heartbeat_at__isnull=True, started_at__lt=heartbeat_stale_before)
    )
    for job_id, attempts in stale_running.values_list("pk", "attempts"):
        give_up_message = (
            f"The worker building this report stopped responding (no heartbeat for "
            f"{settings.REPORT_HEARTBEAT_STALE_SECONDS} seconds) on each of {attempts} tries, so it was given up. "
            "Re-run it; if it happens again, the workers may be running out of memory or time."
        )
        _requeue_or_give_up(
            job_id, Status.RUNNING, attempts, give_up_message, "the worker stopped responding", now, outcome
        )
    stale_queued = ReportJob.objects.filter(status=Status.QUEUED).filter(_reached_the_broker_before(queue_stale_before))
    for job_id, attempts in stale_queued.values_list("pk", "attempts"):
        give_up_message = (
            f"No worker started this report in {attempts} tries of "
            f"{round(settings.REPORT_QUEUED_STALE_SECONDS / 60)} minutes each. "
            "Check that the Celery workers are running, then re-run it."
        )
        _requeue_or_give_up(job_id, Status.QUEUED, attempts, give_up_message, "no worker had started it", now, outcome)
    if outcome.requeued or outcome.failed:
        logger.warning("Report job sweep: requeued %s, gave up on %s", outcome.requeued, outcome.failed)
    return outcome


def _reached_the_broker_before(moment) -> Q:
    """A queued job whose message the broker accepted before `moment` and no worker took. A message
    still waiting in the outbox is the outbox's to send (as soon as the broker answers), not stale."""
    message = OutboxMessage.objects.filter(task_id=OuterRef("celery_task_id"))
    never_in_the_outbox = ~Exists(message) & Q(queued_at__lt=moment)  # sent before the outbox existed
    return Exists(message.filter(sent_at__lt=moment)) | never_in_the_outbox


def _requeue_or_give_up(job_id, status, attempts, give_up_message, reason, now, outcome: SweepOutcome) -> None:
    # Conditional on the state just read: a job that moved on meanwhile, or that a second sweeper
    # got to first, is left alone.
    with transaction.atomic():
        job = ReportJob.objects.filter(pk=job_id, status=status, attempts=attempts)
        if attempts >= settings.REPORT_MAX_ATTEMPTS:
            if job.update(
                status=Status.FAILED, error=give_up_message, finished_at=now, progress_message="Failed", updated_at=now
            ):
                outcome.failed.append(job_id)
            return
        task_id = str(uuid.uuid4())
        requeued = job.update(
            status=Status.QUEUED,
            attempts=attempts + 1,
            queued_at=now,
            started_at=None,
            heartbeat_at=None,
            progress=0,
            progress_message=f"Queued again: {reason}",
            celery_task_id=task_id,
            updated_at=now,
        )
        if requeued:
            dispatch_on_commit(job_id, attempts + 1, task_id)
            outcome.requeued.append(job_id)


# Keeping files -----------------------------------------------------------------------------------


def keep_files_of(job: ReportJob) -> None:
    """Exempt the job's files from the retention rule: an approved mapping version, a scheduled snapshot."""
    ReportJob.objects.filter(pk=job.pk, keep_files=False).update(keep_files=True, updated_at=timezone.now())


def delete_expired_files(now=None) -> list[int]:
    """Delete the files of jobs that finished more than REPORT_FILE_RETENTION_DAYS ago and are not kept
    for good; the jobs stay, saying when their files went (beat runs this daily). Returns their ids."""
    now = now or timezone.now()
    expired = ReportJob.objects.filter(
        finished_at__lt=now - datetime.timedelta(days=settings.REPORT_FILE_RETENTION_DAYS),
        keep_files=False,
        files_deleted_at__isnull=True,
    ).filter(Exists(ReportFile.objects.filter(job=OuterRef("pk"))))
    storage = ReportFile._meta.get_field("file").storage
    deleted = []
    for job_id in expired.values_list("pk", flat=True)[:1000]:
        with transaction.atomic():
            # Rows first, in the transaction; the stored files only once it holds (a file left behind
            # by a crash here is an orphan, never a row pointing at nothing).
            names = list(ReportFile.objects.filter(job_id=job_id).values_list("file", flat=True))
            ReportFile.objects.filter(job_id=job_id).delete()
            ReportJob.objects.filter(pk=job_id).update(files_deleted_at=now, updated_at=now)
        for name in names:
            storage.delete(name)
        deleted.append(job_id)
    if deleted:
        logger.info("Deleted the files of %s report job(s) past the retention period", len(deleted))
    return deleted
