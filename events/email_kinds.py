"""What each email to a participant is about, and which registration status it describes. Services
choose the kind (through events/notifications.py); events/emails.py writes the message."""

from enum import StrEnum

from .models import Registration

Status = Registration.Status


# The Celery tasks that send them (events/tasks.py), by name: services queue them through the outbox
# by name, so that nothing below the tasks imports the tasks module.
REGISTRATION_EMAIL_TASK = "events.send_registration_email"
CERTIFICATE_EMAIL_TASK = "events.send_certificate_email"
EVENT_MESSAGE_TASK = "events.send_event_message_email"


class EmailKind(StrEnum):
    RECEIVED = "received"  # pending the organisers' approval
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"  # confirmed from the waiting list when a seat freed
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EVENT_UPDATED = "event_updated"  # time, place or status changed: an updated invitation
    EVENT_CANCELLED = "event_cancelled"
    FOLLOW_UP_REMINDER = "follow_up_reminder"  # staff ask again for the follow-up form
    OFFERED = "offered"  # a freed seat offered for a set time: accept or decline
    OFFER_REMINDER = "offer_reminder"  # the offer lapses soon
    OFFER_LAPSED = "offer_lapsed"
    REMINDER = "reminder"  # a set number of days before the event
    VISA_LETTER_ISSUED = "visa_letter_issued"  # ready to download from My registrations


# The registration status each email describes; an email whose registration has moved on is stale.
EXPECTED_STATUS = {
    EmailKind.RECEIVED: Status.PENDING,
    EmailKind.CONFIRMED: Status.CONFIRMED,
    EmailKind.WAITLISTED: Status.WAITLISTED,
    EmailKind.PROMOTED: Status.CONFIRMED,
    EmailKind.DECLINED: Status.DECLINED,
    EmailKind.CANCELLED: Status.CANCELLED,
    EmailKind.EVENT_UPDATED: Status.CONFIRMED,
    EmailKind.EVENT_CANCELLED: Status.CONFIRMED,
    EmailKind.FOLLOW_UP_REMINDER: Status.CONFIRMED,
    EmailKind.OFFERED: Status.OFFERED,
    EmailKind.OFFER_REMINDER: Status.OFFERED,
    EmailKind.OFFER_LAPSED: Status.CANCELLED,
    EmailKind.REMINDER: Status.CONFIRMED,
    EmailKind.VISA_LETTER_ISSUED: Status.CONFIRMED,
}

# Emails that put the event in the participant's calendar or change it there.
INVITATION_KINDS = (
    EmailKind.CONFIRMED,
    EmailKind.PROMOTED,
    EmailKind.EVENT_UPDATED,
    EmailKind.EVENT_CANCELLED,
    EmailKind.REMINDER,  # the same invitation again (same UID and SEQUENCE): it changes nothing in a calendar
)
# A status whose email is about that registration's own change (used by the services' hooks).
KIND_FOR_NEW_STATUS = {
    Status.PENDING: EmailKind.RECEIVED,
    Status.CONFIRMED: EmailKind.CONFIRMED,
    Status.WAITLISTED: EmailKind.WAITLISTED,
    Status.DECLINED: EmailKind.DECLINED,
    Status.CANCELLED: EmailKind.CANCELLED,
}
