"""Celery tasks sent through a table, so that none is lost while the broker is unreachable.

`send_after_commit()` writes an OutboxMessage in the caller's transaction, so the task exists exactly
when the change it is about does, and sends it to the broker once that transaction commits. A message
the broker refused stays unsent with the error recorded; `send_pending_messages()`, run by beat every
OUTBOX_SEND_INTERVAL_SECONDS, sends it again once the broker answers. When tasks run eagerly (the demo,
no broker), sending runs the task at once in this process.

Delivery is at least once: a message can reach a worker twice (the beat sender racing the commit hook,
a worker dying before it acknowledged). Work that must not be repeated (an email) runs through
`perform_once()`, which checks the message's record before the work and stamps it after. One window
remains: a worker that dies after the work was done (the mail server accepted the email) and before
the stamp was written; the message is delivered again and the work repeated.
"""

import datetime
import logging
import uuid

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# What sending raises while the broker is unreachable: worth trying again later, unlike anything else.
BROKER_UNREACHABLE = (BrokerOperationalError, ConnectionError, TimeoutError, OSError)
# Messages younger than this are left to the commit hook that is sending them right now.
SENDING_GRACE_SECONDS = 10
SEND_BATCH_SIZE = 500


class MessageBeingPerformed(Exception):
    """Another delivery of this message is doing its work right now: try again after its claim."""


# Sending ------------------------------------------------------------------------------------------


def send_after_commit(task_name: str, arguments: list, *, task_id: str = "") -> OutboxMessage:
    """Record the task in the current transaction and send it once the transaction commits."""
    message = OutboxMessage.objects.create(
        task_name=task_name, arguments=list(arguments), task_id=task_id or str(uuid.uuid4())
    )
    _send_on_commit([message.pk])
    return message


def send_many_after_commit(task_name: str, argument_lists: list[list]) -> list[OutboxMessage]:
    """The same task for many argument lists, recorded in one statement."""
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name=task_name, arguments=list(arguments), task_id=str(uuid.uuid4()))
        for arguments in argument_lists
    )
    if messages:
        _send_on_commit([message.pk for message in messages])
    return messages


def _send_on_commit(message_ids: list[int]) -> None:
    # A named function rather than a lambda: Django logs a failing robust callback by its __qualname__.
    def send_outbox_messages():
        send_messages(message_ids)

    # robust: sending never turns a change that is already committed into an error page.
    transaction.on_commit(send_outbox_messages, robust=True)


def send_messages(message_ids) -> int:
    """Send the unsent messages among `message_ids`, oldest first; stop at the first the broker
    refuses (the others would be refused too) and leave them to `send_pending_messages`."""
    sent = 0
    for message in OutboxMessage.objects.filter(pk__in=list(message_ids), sent_at__isnull=True).order_by("pk"):
        if not _send(message):
            break
        sent += 1
    return sent


def _send(message: OutboxMessage) -> bool:
    """Hand one message to Celery; False when the broker could not be reached."""
    try:
        if current_app.conf.task_always_eager:
            _run_eagerly(message)
        else:
            current_app.send_task(message.task_name, args=message.arguments, task_id=message.task_id)
    except BROKER_UNREACHABLE as error:
        logger.warning(
            "Task %s (%s) not sent, the broker is unreachable: %s", message.task_id, message.task_name, error
        )
        _record_failure(message, error)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), last_error="")
    return True


def _run_eagerly(message: OutboxMessage) -> None:
    # apply() rather than an eager apply_async(): that flips a process-wide Celery flag
    # (denied_join_result) that concurrent threads (a threaded server, the concurrency tests) race on.
    try:
        current_app.tasks[message.task_name].apply(message.arguments, task_id=message.task_id)
    except Exception:
        # Eager tasks have no worker to retry them; the failure is the task's, not the sending's.
        logger.exception("Task %s (%s) failed when run eagerly", message.task_id, message.task_name)


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        send_attempts=message.send_attempts + 1, last_error=f"{type(error).__name__}: {error}"[:1000]
    )


def send_pending_messages(now=None) -> int:
    """What beat runs: send the messages the broker refused earlier, and forget old sent ones."""
    now = now or timezone.now()
    pending = (
        OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=now - _seconds(SENDING_GRACE_SECONDS))
        .order_by("pk")
        .values_list("pk", flat=True)[:SEND_BATCH_SIZE]
    )
    sent = send_messages(pending)
    if sent:
        logger.info("Outbox: sent %s task(s) that had waited for the broker", sent)
    OutboxMessage.objects.filter(sent_at__lt=now - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)).delete()
    return sent


def is_waiting_for_the_broker(task_id: str) -> bool:
    return OutboxMessage.objects.filter(task_id=task_id, sent_at__isnull=True).exists()


# Performing once ----------------------------------------------------------------------------------


def perform_once(task_id: str, work, *, claim_seconds: int):
    """Run `work()` for the message `task_id` unless a delivery of it already did; returns its result,
    or None when it was done before. `claim_seconds` must exceed the task's time limit: while a delivery
    holds the claim, another raises MessageBeingPerformed (for its task to retry later); a claim that
    outlived it belongs to a worker that died, and the next delivery does the work again."""
    now = timezone.now()
    claimable = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    message = OutboxMessage.objects.filter(task_id=task_id, performed_at__isnull=True)
    if not message.filter(claimable).update(claimed_until=now + _seconds(claim_seconds)):
        record = OutboxMessage.objects.filter(task_id=task_id).values("performed_at").first()
        if record is None:
            return work()  # not sent through the outbox (queued before it existed)
        if record["performed_at"]:
            logger.info("Task %s was delivered again after its work was done: nothing to do", task_id)
            return None
        raise MessageBeingPerformed(task_id)
    try:
        result = work()
    except BaseException:
        message.update(claimed_until=None)
        raise
    message.update(performed_at=timezone.now(), claimed_until=None)
    return result


def _seconds(seconds) -> datetime.timedelta:
    return datetime.timedelta(seconds=seconds)
