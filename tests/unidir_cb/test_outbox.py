"""Tasks go through the outbox: recorded with the change they are about, sent once it commits, sent
again by beat when the broker refused them, and their once-only work done once however often a
message is delivered."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from events.email_kinds import EmailKind
from events.services import registrations
from events.tasks import send_registration_email_task
from tests.conftest import broker_in_use
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory
from unidir_cb.core import outbox
from unidir_cb.core.models import OutboxMessage

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def test_a_task_is_recorded_with_its_change_and_marked_sent_once_run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(EventFactory(), ParticipantFactory())

    message = OutboxMessage.objects.get()
    assert message.task_name == "events.send_registration_email"
    assert message.sent_at is not None and message.performed_at is not None
    assert len(mail.outbox) == 1


def test_a_change_rolled_back_leaves_no_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        registrations.register_participant(EventFactory(), ParticipantFactory())
        raise RuntimeError("the change fails after the email was queued")

    assert not OutboxMessage.objects.exists()


def test_a_task_the_broker_refused_is_kept_with_the_reason_and_sent_when_it_answers(
    redis_url, django_capture_on_commit_callbacks
):
    with broker_in_use(UNREACHABLE_BROKER), django_capture_on_commit_callbacks(execute=True):
        outbox.send_after_commit("unidir_cb.ping", [])
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.send_attempts == 1
    assert "OperationalError" in message.last_error

    later = timezone.now() + datetime.timedelta(minutes=1)
    with broker_in_use(redis_url):
        assert outbox.send_pending_messages(now=later) == 1

    message.refresh_from_db()
    assert message.sent_at is not None and message.last_error == ""


def test_beat_leaves_a_message_being_sent_by_its_commit_hook_alone():
    outbox.send_after_commit("unidir_cb.ping", [])  # inside the test's transaction: not sent yet

    assert outbox.send_pending_messages() == 0
    assert OutboxMessage.objects.get().sent_at is None


def test_sent_messages_are_forgotten_after_the_keeping_period(settings):
    settings.OUTBOX_KEEP_DAYS = 30
    old = OutboxMessage.objects.create(task_id="old", task_name="unidir_cb.ping")
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - datetime.timedelta(days=31))
    OutboxMessage.objects.create(task_id="recent", task_name="unidir_cb.ping", sent_at=timezone.now())

    outbox.send_pending_messages()

    assert list(OutboxMessage.objects.values_list("task_id", flat=True)) == ["recent"]


def test_an_email_task_delivered_twice_sends_one_email():
    registration = RegistrationFactory()
    message = OutboxMessage.objects.create(
        task_id="delivered-twice",
        task_name=send_registration_email_task.name,
        arguments=[registration.pk, str(EmailKind.CONFIRMED), ""],
    )

    first = send_registration_email_task.apply(message.arguments, task_id=message.task_id)
    second = send_registration_email_task.apply(message.arguments, task_id=message.task_id)

    assert (first.result, second.result) == (True, None)
    assert len(mail.outbox) == 1


def test_a_delivery_while_another_is_sending_waits_for_its_claim_then_finds_it_done():
    OutboxMessage.objects.create(task_id="busy", task_name="events.send_registration_email")
    sent = []

    def send_while_a_second_delivery_arrives():
        with pytest.raises(outbox.MessageBeingPerformed):
            outbox.perform_once("busy", lambda: sent.append("second"), claim_seconds=60)
        sent.append("first")

    outbox.perform_once("busy", send_while_a_second_delivery_arrives, claim_seconds=60)

    assert sent == ["first"]
    assert outbox.perform_once("busy", lambda: sent.append("third"), claim_seconds=60) is None


def test_the_claim_of_a_worker_that_died_runs_out_and_the_work_is_done_again():
    """The window at-least-once leaves: the first worker may have sent the email before dying."""
    OutboxMessage.objects.create(
        task_id="orphaned", task_name="events.send_registration_email", claimed_until=timezone.now()
    )

    assert outbox.perform_once("orphaned", lambda: "sent", claim_seconds=60) == "sent"
    assert OutboxMessage.objects.get().performed_at is not None


def test_a_failed_attempt_releases_its_claim_for_the_retry():
    OutboxMessage.objects.create(task_id="flaky", task_name="events.send_registration_email")

    def mail_server_down():
        raise ConnectionRefusedError

    with pytest.raises(ConnectionRefusedError):
        outbox.perform_once("flaky", mail_server_down, claim_seconds=60)

    assert outbox.perform_once("flaky", lambda: "sent", claim_seconds=60) == "sent"


def test_a_task_queued_before_the_outbox_existed_still_does_its_work():
    assert outbox.perform_once("unknown-task-id", lambda: "sent", claim_seconds=60) == "sent"
