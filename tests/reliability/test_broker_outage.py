"""Redis, the broker, stops and starts again under real workers and beat run as docker-compose.yml
runs them: a report job in progress finishes once, the workers live on and take work again within
30 seconds, an email being sent goes out once, and what was started while Redis was down is sent
within a minute of its return."""

import time

import pytest

from events.services import registrations
from tests.conftest import BeatProcess, WorkerProcess, wait_until
from tests.factories import EventFactory, ParticipantFactory
from tests.reporting.conftest import SECTEC_2022_2023
from tests.reporting.polling import poll
from unidir_cb.core.models import OutboxMessage
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportFile, ReportJob
from unidir_cb.core.tasks import ping

from .conftest import COMPOSE_WORKER_OPTIONS, wait_for_mail

pytestmark = [pytest.mark.reliability, pytest.mark.timeout(240)]

Status = ReportJob.Status
WORK_RESUMES_WITHIN_SECONDS = 30
SENT_WITHIN_SECONDS = 60


def start_compose_worker(celery):
    return celery(WorkerProcess, options=COMPOSE_WORKER_OPTIONS)


def seconds_until_a_worker_answers(started_at: float) -> float:
    """Send a task and wait for its result: the time from `started_at` to the answer."""
    assert ping.apply_async().get(timeout=WORK_RESUMES_WITHIN_SECONDS + 10) == "pong"
    return time.monotonic() - started_at


def stored_files(folder) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def test_redis_restarted_during_a_report_job_the_job_finishes_once_and_the_worker_lives_on(
    celery,
    private_redis,
    media,
    monkeypatch,
    sectec,
    manager,
):
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "1")
    worker = start_compose_worker(celery)
    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    poll(job, until=lambda job: job.status == Status.RUNNING and job.progress >= 20, timeout=60)

    back_at = private_redis.restart_after(seconds=3)

    poll(job, until=lambda job: job.is_finished, timeout=90)
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 1), job.error
    assert "Connection to broker lost" in worker.log()  # the outage reached the worker mid-job
    assert worker.is_alive(), f"the worker exited:\n{worker.log()}"
    resumed_after = seconds_until_a_worker_answers(back_at)
    print(f"A worker answered {resumed_after:.1f} s after Redis returned")
    assert resumed_after < WORK_RESUMES_WITHIN_SECONDS, worker.log()
    assert sorted(job.files.values_list("format", flat=True)) == ["html", "pdf", "xlsx"]
    assert stored_files(media) == sorted(ReportFile.objects.values_list("filename", flat=True))  # no duplicates


def test_a_report_started_while_redis_is_down_is_sent_within_a_minute_of_its_return(
    celery,
    private_redis,
    media,
    sectec,
    manager,
):
    """With the production intervals: beat sends what waits in the outbox every 15 seconds."""
    worker = start_compose_worker(celery)
    celery(BeatProcess)
    private_redis.stop()

    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    assert OutboxMessage.objects.get(task_id=job.celery_task_id).sent_at is None  # the broker refused it
    time.sleep(2)
    private_redis.start()
    back_at = time.monotonic()

    poll(job, until=lambda job: job.status != Status.QUEUED, timeout=SENT_WITHIN_SECONDS)
    sent_after = time.monotonic() - back_at
    print(f"The job started {sent_after:.1f} s after Redis returned")
    assert sent_after < SENT_WITHIN_SECONDS
    poll(job, until=lambda job: job.is_finished, timeout=90)
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 1), job.error
    assert worker.is_alive()


def test_redis_restarted_while_a_registration_email_is_sent_it_goes_out_once(
    celery, private_redis, mail_server, monkeypatch
):
    """The mail server holds the email for seconds; Redis restarts meanwhile. The task's message may
    come back (its acknowledgement was lost with the connection): the outbox record stops a second send."""
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "5")  # a lost acknowledgement is redelivered in seconds
    mail_server.delay = 6
    worker = start_compose_worker(celery)

    registrations.register_participant(EventFactory(title="Norms workshop"), ParticipantFactory())
    assert mail_server.receiving.wait(timeout=30), worker.log()
    private_redis.restart_after(seconds=2)

    wait_for_mail(mail_server, 1, timeout=60, worker=worker)
    time.sleep(12)  # time for a redelivery to arrive and be refused
    assert len(mail_server.messages) == 1
    assert mail_server.messages[0]["Subject"] == "Registration confirmed: Norms workshop"
    assert OutboxMessage.objects.get().performed_at is not None
    assert "Connection to broker lost" in worker.log()
    assert worker.is_alive(), f"the worker exited:\n{worker.log()}"


def test_an_email_queued_while_redis_is_down_goes_out_once_it_returns(celery, private_redis, mail_server):
    worker = start_compose_worker(celery)
    celery(BeatProcess)
    private_redis.stop()

    registrations.register_participant(EventFactory(title="Norms workshop"), ParticipantFactory())
    assert OutboxMessage.objects.get().sent_at is None
    private_redis.start()
    back_at = time.monotonic()

    wait_for_mail(mail_server, 1, timeout=SENT_WITHIN_SECONDS, worker=worker)
    print(f"The email went out {time.monotonic() - back_at:.1f} s after Redis returned")
    assert len(mail_server.messages) == 1


def test_the_same_task_delivered_twice_has_one_outcome(celery, private_redis, mail_server, media, sectec, manager):
    """As after a worker died before acknowledging: the same message (same task id) arrives twice."""
    from celery import current_app

    worker = start_compose_worker(celery)
    registrations.register_participant(EventFactory(), ParticipantFactory())
    wait_for_mail(mail_server, 1, timeout=30, worker=worker)
    email_message = OutboxMessage.objects.get(task_name="events.send_registration_email")
    current_app.send_task(email_message.task_name, args=email_message.arguments, task_id=email_message.task_id)

    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager)
    current_app.send_task(services.RUN_REPORT_JOB_TASK, args=[job.pk, job.attempts], task_id=job.celery_task_id)
    poll(job, until=lambda job: job.is_finished, timeout=90)
    wait_until(lambda: f"{job.celery_task_id}] succeeded" in worker.log(), 30, worker.log())
    time.sleep(5)  # the second delivery of each has had its turn

    assert len(mail_server.messages) == 1
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 1)
    assert job.files.count() == 3 and len(stored_files(media)) == 3
    assert worker.log().count(f"{job.celery_task_id}] succeeded") == 2  # both deliveries ran; one built
