"""Report jobs run once, record their progress, fail with a reason staff can read, can be re-run,
and never stay queued or running for ever: the sweeper requeues them or gives up."""

import datetime
import threading
from pathlib import Path

import pytest
from django.db import OperationalError
from django.utils import timezone, translation

from events.models import Event
from tests.factories import ReportJobFactory
from unidir_cb.core.models import OutboxMessage
from unidir_cb.core.reporting import services, tasks
from unidir_cb.core.reporting.models import ReportFile, ReportJob
from unidir_cb.core.reporting.registry import ReportBuildError, ReportOutput

pytestmark = pytest.mark.django_db

Status = ReportJob.Status


def start_fake(manager, title="Quarterly figures"):
    return services.start_report_job("fake_report", {"title": title}, requested_by=manager, enqueue=False)


def test_a_job_records_its_progress_then_stores_its_files_and_succeeds(fake_report, manager):
    seen_in_the_database = []

    def build(job, progress):
        for percent, message in [(10, "Reading"), (60, "Rendering")]:
            progress(percent, message)
            stored = ReportJob.objects.get(pk=job.pk)
            seen_in_the_database.append((stored.status, stored.progress, stored.progress_message))
        return [ReportOutput(ReportFile.Format.PDF, "figures.pdf", b"%PDF-1.7 figures")]

    fake_report.build_steps = build
    job = start_fake(manager)
    assert (job.status, job.attempts) == (Status.QUEUED, 1)

    job = services.run_report_job(job.pk, attempt=1)

    assert seen_in_the_database == [(Status.RUNNING, 10, "Reading"), (Status.RUNNING, 60, "Rendering")]
    assert (job.status, job.progress, job.error) == (Status.SUCCEEDED, 100, "")
    assert job.started_at <= job.heartbeat_at <= job.finished_at
    stored = job.files.get()
    assert (stored.format, stored.filename, stored.size) == ("pdf", "figures.pdf", 16)
    assert stored.file.read() == b"%PDF-1.7 figures"


def test_a_report_is_written_in_english_whatever_language_its_requester_browses_in(fake_report, manager):
    def build(job, progress):
        label = str(Event.Kind.TABLE_TOP_EXERCISE.label)
        return [ReportOutput(ReportFile.Format.HTML, "kinds.html", label.encode())]

    fake_report.build_steps = build
    job = start_fake(manager)

    with translation.override("fr"):  # eager Celery builds inside the French request
        assert str(Event.Kind.TABLE_TOP_EXERCISE.label) != "Table-top exercise"
        job = services.run_report_job(job.pk, attempt=1)

    assert job.files.get().file.read() == b"Table-top exercise"


def test_a_build_error_fails_the_job_with_its_message_as_written(fake_report, manager):
    def build(job, progress):
        raise ReportBuildError("No exchange rate for EUR in March 2022: add it under Donors › Exchange rates.")

    fake_report.build_steps = build

    job = services.run_report_job(start_fake(manager).pk, attempt=1)

    assert job.status == Status.FAILED
    assert job.error == "No exchange rate for EUR in March 2022: add it under Donors › Exchange rates."
    assert job.finished_at is not None
    assert not job.files.exists()


def test_an_unexpected_error_fails_the_job_with_a_plain_explanation(fake_report, manager):
    def build(job, progress):
        return 1 / 0

    fake_report.build_steps = build

    job = services.run_report_job(start_fake(manager).pk, attempt=1)

    assert job.status == Status.FAILED
    assert job.error.startswith("The report could not be built because of an unexpected error (ZeroDivisionError")
    assert "Re-run it" in job.error


def test_a_failed_job_is_rerun_as_a_new_job_and_keeps_its_own_history(fake_report, manager, other_manager):
    fake_report.build_steps = lambda job, progress: 1 / 0
    failed = services.run_report_job(start_fake(manager, "Annual figures").pk, attempt=1)
    fake_report.build_steps = fake_report.two_files

    rerun = services.rerun_report_job(failed, requested_by=other_manager)
    services.run_report_job(rerun.pk, rerun.attempts)

    rerun.refresh_from_db()
    failed.refresh_from_db()
    assert (rerun.status, rerun.rerun_of, rerun.requested_by) == (Status.SUCCEEDED, failed, other_manager)
    assert rerun.parameters == {"title": "Annual figures"}
    assert failed.status == Status.FAILED and failed.error


def test_a_job_still_running_cannot_be_rerun(manager):
    running = ReportJobFactory(status=Status.RUNNING, requested_by=manager, finished_at=None)

    with pytest.raises(services.ReportJobError, match="still running"):
        services.rerun_report_job(running)


def test_a_redelivered_task_for_a_finished_job_does_nothing(fake_report, manager):
    job = services.run_report_job(start_fake(manager).pk, attempt=1)
    files_before = list(job.files.values_list("pk", "file"))

    outcome = tasks.run_report_job.apply(args=[job.pk, 1]).get()

    job_after = ReportJob.objects.get(pk=job.pk)
    assert outcome is None
    assert (job_after.status, job_after.finished_at) == (Status.SUCCEEDED, job.finished_at)
    assert list(job_after.files.values_list("pk", "file")) == files_before


def test_a_redelivered_task_for_a_job_still_running_leaves_it_to_its_worker_and_the_sweeper(fake_report, manager):
    """Redis redelivers a dead pool child's message at once (reject_on_worker_lost) and a slow
    worker's message after the visibility timeout: neither starts a second build of the attempt."""
    job = start_fake(manager)
    services.claim_report_job(job.pk, attempt=1)

    assert tasks.run_report_job.apply(args=[job.pk, 1]).get() is None

    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.RUNNING, 1)
    assert not job.files.exists()


def test_starting_a_job_sends_it_to_a_worker_once_the_transaction_commits(
    fake_report, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.start_report_job("fake_report", {"title": "Figures"}, requested_by=manager)

    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED  # Celery runs eagerly without a broker
    assert sorted(job.files.values_list("format", flat=True)) == ["html", "pdf"]


def make_stale(job, seconds_ago):
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago))


def test_the_sweeper_requeues_a_job_whose_heartbeat_went_stale_and_another_worker_finishes_it(
    fake_report, manager, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_HEARTBEAT_STALE_SECONDS = 60
    job = start_fake(manager)
    assert services.claim_report_job(job.pk, attempt=1)  # a worker took it, then died
    make_stale(job, seconds_ago=61)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.sweep_stale_jobs()

    job.refresh_from_db()
    assert outcome.requeued == [job.pk]
    assert (job.status, job.attempts, job.progress) == (Status.SUCCEEDED, 2, 100)


def test_the_sweeper_leaves_a_job_with_a_fresh_heartbeat_alone(fake_report, manager, settings):
    settings.REPORT_HEARTBEAT_STALE_SECONDS = 60
    job = start_fake(manager)
    services.claim_report_job(job.pk, attempt=1)
    make_stale(job, seconds_ago=30)

    outcome = services.sweep_stale_jobs()

    job.refresh_from_db()
    assert outcome.requeued == outcome.failed == []
    assert (job.status, job.attempts) == (Status.RUNNING, 1)


def test_the_sweeper_gives_up_after_the_last_attempt_with_a_reason(fake_report, manager, settings):
    settings.REPORT_HEARTBEAT_STALE_SECONDS = 60
    settings.REPORT_MAX_ATTEMPTS = 3
    job = ReportJobFactory(
        kind="fake_report", status=Status.RUNNING, attempts=3, requested_by=manager, finished_at=None
    )
    make_stale(job, seconds_ago=600)

    outcome = services.sweep_stale_jobs()

    job.refresh_from_db()
    assert outcome.failed == [job.pk]
    assert job.status == Status.FAILED
    assert "stopped responding" in job.error and "3 tries" in job.error
    assert job.finished_at is not None


def test_a_job_no_worker_picked_up_is_sent_again_then_given_up(fake_report, manager, settings):
    settings.REPORT_QUEUED_STALE_SECONDS = 1800
    settings.REPORT_MAX_ATTEMPTS = 2
    job = start_fake(manager)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ReportJob.objects.filter(pk=job.pk).update(queued_at=an_hour_ago)

    first = services.sweep_stale_jobs()
    job.refresh_from_db()
    assert first.requeued == [job.pk]
    assert (job.status, job.attempts) == (Status.QUEUED, 2)

    OutboxMessage.objects.filter(task_id=job.celery_task_id).update(sent_at=timezone.now())  # the broker has it
    second = services.sweep_stale_jobs(now=timezone.now() + datetime.timedelta(hours=1))
    job.refresh_from_db()
    assert second.failed == [job.pk]
    assert job.status == Status.FAILED
    assert "No worker started this report" in job.error


def test_a_job_whose_message_never_reached_the_broker_is_left_to_the_outbox(fake_report, manager, settings):
    """Started while the broker was down: however long ago, it is not stale, it is waiting to be sent
    (the outbox sends it as soon as the broker answers, still as attempt 1)."""
    settings.REPORT_QUEUED_STALE_SECONDS = 1800
    job = start_fake(manager)
    services.dispatch_on_commit(job.pk, job.attempts, job.celery_task_id)  # what enqueue=True records
    ReportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - datetime.timedelta(hours=2))

    outcome = services.sweep_stale_jobs(now=timezone.now() + datetime.timedelta(hours=1))

    assert outcome.requeued == outcome.failed == []
    assert OutboxMessage.objects.get(task_id=job.celery_task_id).arguments == [job.pk, 1]


def test_starting_the_same_report_twice_while_it_runs_returns_the_running_job(fake_report, manager, other_manager):
    first = start_fake(manager, title="Quarterly figures")

    assert start_fake(manager, title="Quarterly figures") == first
    assert start_fake(manager, title="Another title") != first  # other parameters
    assert start_fake(other_manager, title="Quarterly figures") != first  # another person

    ReportJob.objects.filter(pk=first.pk).update(status=Status.RUNNING)
    assert start_fake(manager, title="Quarterly figures") == first

    ReportJob.objects.filter(pk=first.pk).update(status=Status.SUCCEEDED)
    again = start_fake(manager, title="Quarterly figures")
    assert again != first and again.status == Status.QUEUED


def test_the_same_parameters_in_another_order_are_the_same_request(fake_report, manager):
    assert ReportJob.digest_of({"start": "2022-01-01", "end": "2023-12-31"}) == ReportJob.digest_of(
        {"end": "2023-12-31", "start": "2022-01-01"}
    )


def test_jobs_run_from_the_command_line_are_never_merged(fake_report):
    first = services.start_report_job("fake_report", {"title": "T"}, enqueue=False)

    assert services.start_report_job("fake_report", {"title": "T"}, enqueue=False) != first


def test_a_slow_worker_whose_job_was_handed_on_stops_without_touching_it(fake_report, manager, settings):
    """The sweeper gave the job to attempt 2 while attempt 1 was still building: attempt 1's next
    progress report is refused, it stops, and it stores nothing."""
    settings.REPORT_HEARTBEAT_STALE_SECONDS = 60

    def build_while_being_swept(job, progress):
        progress(20, "Reading")
        make_stale(job, seconds_ago=120)
        services.sweep_stale_jobs()
        progress(40, "Rendering")  # refused: attempt 2 owns the job now
        raise AssertionError("attempt 1 should have been stopped")

    fake_report.build_steps = build_while_being_swept
    job = start_fake(manager)

    assert services.run_report_job(job.pk, attempt=1) is None

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (Status.QUEUED, 2, "")
    assert not job.files.exists()
    fake_report.build_steps = fake_report.two_files
    assert services.run_report_job(job.pk, attempt=2).status == Status.SUCCEEDED


def test_a_transient_error_puts_the_job_back_in_the_queue_for_celery_to_retry(fake_report, manager):
    def build(job, progress):
        raise OperationalError("could not connect to server")

    fake_report.build_steps = build
    job = start_fake(manager)

    with pytest.raises(OperationalError):
        services.run_report_job(job.pk, attempt=1, retries_left=True)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.QUEUED, 1)
    assert "temporary problem" in job.progress_message
    job = services.run_report_job(job.pk, attempt=1, retries_left=False)
    assert job.status == Status.FAILED
    assert "temporary problem" in job.error and "could not connect to server" in job.error


def test_a_failure_while_storing_files_leaves_no_half_set_behind(fake_report, manager, monkeypatch, settings):
    original_save = ReportFile._meta.get_field("file").storage.save

    def save_then_fail_on_the_pdf(name, content, *args, **kwargs):
        if name.endswith(".pdf"):
            raise OSError("No space left on device")
        return original_save(name, content, *args, **kwargs)

    monkeypatch.setattr(ReportFile._meta.get_field("file").storage, "save", save_then_fail_on_the_pdf)

    job = services.run_report_job(start_fake(manager).pk, attempt=1)

    assert job.status == Status.FAILED
    assert "No space left on device" in job.error
    assert not ReportFile.objects.exists()
    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []


@pytest.mark.django_db(transaction=True)
def test_two_jobs_for_the_same_report_built_at_once_give_two_clean_versions(fake_report, manager, other_manager):
    both_building = threading.Barrier(2, timeout=20)

    def build_side_by_side(job, progress):
        progress(10, "Reading")
        both_building.wait()  # each build runs while the other does
        content = f"built by job {job.pk}\n".encode() * 20000
        progress(90, "Rendering")
        return [
            ReportOutput(ReportFile.Format.HTML, "figures.html", content),
            ReportOutput(ReportFile.Format.PDF, "figures.pdf", b"%PDF-" + content),
        ]

    fake_report.build_steps = build_side_by_side
    jobs = [start_fake(person, "Same figures") for person in (manager, other_manager)]
    errors = []

    def run(job):
        try:
            services.run_report_job(job.pk, attempt=1)
        except Exception as error:  # surfaced below; a thread's exception would otherwise vanish
            errors.append(error)

    threads = [threading.Thread(target=run, args=[job]) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    paths = set()
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Status.SUCCEEDED, job.error
        for stored in job.files.all():
            text = stored.file.read().decode()
            assert set(text.removeprefix("%PDF-").splitlines()) == {f"built by job {job.pk}"}
            paths.add(stored.file.name)
    assert len(paths) == 4


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_stays_fresh_during_a_long_step(fake_report, manager):
    job = start_fake(manager)
    services.claim_report_job(job.pk, attempt=1)
    make_stale(job, seconds_ago=300)

    with services.Heartbeat(job.pk, attempt=1, interval=0.05):
        threading.Event().wait(0.5)  # one long step: no progress calls

    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < datetime.timedelta(seconds=5)


# File size cap and retention ---------------------------------------------------------------------


def test_a_file_over_the_size_cap_fails_the_job_with_a_clear_message_and_stores_nothing(fake_report, manager, settings):
    settings.REPORT_FILE_MAX_BYTES = 1000
    job = start_fake(manager)

    services.run_report_job(job.pk, attempt=1)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "The HTML file came to " in job.error and "KB, more than the 1000" in job.error
    assert not ReportFile.objects.exists()


def finished_days_ago(job, days):
    ReportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(days=days))


def test_files_of_ad_hoc_reports_are_deleted_after_the_retention_period_and_the_job_says_so(
    fake_report, manager, settings, client
):
    settings.REPORT_FILE_RETENTION_DAYS = 90
    old, recent = start_fake(manager, "Old"), start_fake(manager, "Recent")
    for job in (old, recent):
        services.run_report_job(job.pk, attempt=1)
    paths = [Path(report_file.file.path) for report_file in old.files.all()]
    finished_days_ago(old, 91)
    finished_days_ago(recent, 89)

    assert services.delete_expired_files() == [old.pk]

    old.refresh_from_db()
    assert old.files_deleted_at is not None and not old.files.exists()
    assert not any(path.exists() for path in paths)
    assert recent.files.count() == 2
    client.force_login(manager)
    page = client.get(f"/reports/{old.pk}/").content.decode()
    assert "The files were deleted on" in page and "90 days after the report ran" in page
    assert client.get(f"/reports/{old.pk}/files/pdf/").status_code == 404
    assert services.delete_expired_files() == []  # nothing twice


def test_files_kept_for_good_are_never_deleted(fake_report, manager):
    job = services.start_report_job("fake_report", {"title": "Kept"}, requested_by=manager, enqueue=False)
    services.run_report_job(job.pk, attempt=1)
    services.keep_files_of(job)
    finished_days_ago(job, 3650)

    assert services.delete_expired_files() == []
    assert job.files.count() == 2


def test_scheduled_snapshots_keep_their_files(fake_report, manager):
    """Starting a kept job while the same one runs ad hoc keeps that one's files instead."""
    ad_hoc = start_fake(manager, "Snapshot")

    scheduled = services.start_report_job(
        "fake_report", {"title": "Snapshot"}, requested_by=manager, enqueue=False, keep_files=True
    )

    assert scheduled == ad_hoc
    ad_hoc.refresh_from_db()
    assert ad_hoc.keep_files is True
