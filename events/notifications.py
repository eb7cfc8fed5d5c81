"""When emails are queued: services call these inside their transaction, and the Celery task is
queued only once the transaction commits, so no email ever describes a change that was rolled back,
and the worker reads the committed rows. Building and sending the messages is events/emails.py's
work, run by the tasks in events/tasks.py.
"""

from django.db import transaction

from . import tasks
from .email_kinds import EmailKind
from .models import Event, Registration

Status = Registration.Status


def _run_or_queue(task, arguments: tuple) -> None:
    if task.app.conf.task_always_eager:
        # Eager apply_async flips a process-wide Celery flag (denied_join_result) that concurrent
        # threads (a threaded server, the concurrency tests) leave set by racing; apply() does the same
        # work in this thread without it.
        task.apply(arguments)
    else:
        task.delay(*arguments)


def _queue(registration_id: int, kind: EmailKind, previous_status: str = "") -> None:
    _run_or_queue(tasks.send_registration_email_task, (registration_id, str(kind), previous_status))


def _queue_later(registration_id: int, kind: EmailKind, previous_status: str = ""):
    # A named function rather than functools.partial: Django logs a failing robust callback by its __qualname__.
    def queue_registration_email():
        _queue(registration_id, kind, previous_status)

    return queue_registration_email


def notify_after_commit(registration: Registration, kind: EmailKind, previous_status: str = "") -> None:
    """Queue the email once the surrounding transaction commits (at once outside a transaction).

    robust=True: with eager Celery (the demo) a failing mail server must not turn a registration that
    is already saved into an error page; the failure is logged."""
    transaction.on_commit(_queue_later(registration.pk, kind, str(previous_status)), robust=True)


def notify_confirmed_of_event_change(event: Event, kind: EmailKind) -> int:
    """Queue an update (or a cancellation) for every confirmed participant of the event."""
    registration_ids = list(event.registrations.filter(status=Status.CONFIRMED).values_list("pk", flat=True))
    for registration_id in registration_ids:
        transaction.on_commit(_queue_later(registration_id, kind), robust=True)
    return len(registration_ids)


def notify_certificate_after_commit(registration: Registration) -> None:
    """Queue the certificate email once the transaction that stamped certificate_emailed_at commits.

    The task carries that stamp: if staff send the certificate again before the worker got to it, the
    earlier task finds a newer stamp and leaves the sending to the later one."""
    registration_id, emailed_at = registration.pk, registration.certificate_emailed_at.isoformat()

    def queue_certificate_email():
        _run_or_queue(tasks.send_certificate_email_task, (registration_id, emailed_at))

    transaction.on_commit(queue_certificate_email, robust=True)
