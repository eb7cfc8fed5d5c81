"""When emails are queued: services call these inside their transaction. Each email task is recorded
in the kernel's outbox within that transaction and sent to the broker once it commits, so no email
ever describes a change that was rolled back, the worker reads the committed rows, and an email
queued while the broker is unreachable is sent once it answers. Building and sending the messages is
events/emails.py's work, run by the tasks in events/tasks.py.
"""

from unidir_cb.core import outbox

from .email_kinds import CERTIFICATE_EMAIL_TASK, REGISTRATION_EMAIL_TASK, EmailKind
from .models import Event, Registration
from .rules import status_emails_go_out

Status = Registration.Status


def notify_after_commit(registration: Registration, kind: EmailKind, previous_status: str = "") -> None:
    """Queue the email once the surrounding transaction commits (at once outside a transaction); none
    once the event is over (rules.status_emails_go_out)."""
    if not status_emails_go_out(registration.event):
        return
    outbox.send_after_commit(REGISTRATION_EMAIL_TASK, [registration.pk, str(kind), str(previous_status)])


def notify_confirmed_of_event_change(event: Event, kind: EmailKind) -> int:
    """Queue an update (or a cancellation) for every confirmed participant of the event."""
    registration_ids = list(event.registrations.filter(status=Status.CONFIRMED).values_list("pk", flat=True))
    outbox.send_many_after_commit(
        REGISTRATION_EMAIL_TASK,
        [[registration_id, str(kind), ""] for registration_id in registration_ids],
    )
    return len(registration_ids)


def notify_certificate_after_commit(registration: Registration) -> None:
    """Queue the certificate email once the transaction that stamped certificate_emailed_at commits.

    The task carries that stamp: if staff send the certificate again before the worker got to it, the
    earlier task finds a newer stamp and leaves the sending to the later one."""
    outbox.send_after_commit(CERTIFICATE_EMAIL_TASK, [registration.pk, registration.certificate_emailed_at.isoformat()])
