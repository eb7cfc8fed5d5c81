"""Staff write to the participants of an event by registration status (EventAdmin's "Email
participants" page): the message and its recipients are logged in one transaction, and one email per
recipient is queued through the outbox once it commits (events/emails.py writes it, in the
participant's language around the staff's own text)."""

from django.db import transaction

from unidir_cb.core import outbox

from ..email_kinds import EVENT_MESSAGE_TASK
from ..models import Event, EventMessage, EventMessageRecipient


def recipients_of(event: Event, statuses: list[str]):
    """The registrations written to: those with the statuses, with an address, not anonymised."""
    return (
        event.registrations.filter(status__in=statuses, participant__anonymised_at__isnull=True)
        .exclude(participant__email="")
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


@transaction.atomic
def send_event_message(event: Event, statuses: list[str], subject: str, body: str, sent_by) -> EventMessage:
    message = EventMessage.objects.create(event=event, statuses=statuses, subject=subject, body=body, sent_by=sent_by)
    recipients = EventMessageRecipient.objects.bulk_create(
        [
            EventMessageRecipient(
                message=message,
                registration=registration,
                email=registration.participant.email,
                status=registration.status,
            )
            for registration in recipients_of(event, statuses)
        ]
    )
    outbox.send_many_after_commit(EVENT_MESSAGE_TASK, [[recipient.pk] for recipient in recipients])
    return message
