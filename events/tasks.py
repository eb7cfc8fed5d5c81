"""Thin Celery wrappers over events/emails.py (events/notifications.py queues them after a commit)
and over the daily erasure of expired private answers (services/answers.py).

Each email goes out at least once and, but for one window, at most once: the outbox's record of the
task is checked before sending and stamped after (unidir_cb/core/outbox.py perform_once). A worker
that dies after the mail server accepted the email and before the stamp is written sends it again
when the task is redelivered."""

import smtplib

from celery import shared_task
from django.db import transaction

from unidir_cb.core import outbox

from . import emails
from .email_kinds import CERTIFICATE_EMAIL_TASK, EVENT_MESSAGE_TASK, REGISTRATION_EMAIL_TASK
from .services import answers, registrations, reminders, visa_letters

# Worth another try later: the mail server is down, busy or slow (OSError covers refused connections
# and timeouts). A refused recipient is permanent: retrying would only send the others' copies again.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)
PERMANENT_MAIL_ERRORS = (smtplib.SMTPRecipientsRefused,)

# Sending one email never takes this long; a delivery's claim on its email outlives it (perform_once).
MAIL_TASK_TIME_LIMIT_SECONDS = 5 * 60

# Every task that sends an email retries the same way.
MAIL_RETRY_POLICY = {
    "acks_late": True,
    "time_limit": MAIL_TASK_TIME_LIMIT_SECONDS,
    # Another delivery of the same task is sending it: try again once its claim has run out.
    "autoretry_for": (*TRANSIENT_MAIL_ERRORS, outbox.MessageBeingPerformed),
    "dont_autoretry_for": PERMANENT_MAIL_ERRORS,
    "retry_backoff": 30,  # 30 s, 1 min, 2 min, ... capped below: a mail server's outage rarely lasts seconds
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


def _send_once(task, send):
    return outbox.perform_once(task.request.id, send, claim_seconds=MAIL_TASK_TIME_LIMIT_SECONDS + 60)


@shared_task(bind=True, name=REGISTRATION_EMAIL_TASK, **MAIL_RETRY_POLICY)
def send_registration_email_task(self, registration_id: int, kind: str, previous_status: str = "") -> bool | None:
    return _send_once(self, lambda: emails.send_registration_email(registration_id, kind, previous_status))


@shared_task(bind=True, name=CERTIFICATE_EMAIL_TASK, **MAIL_RETRY_POLICY)
def send_certificate_email_task(self, registration_id: int, emailed_at: str) -> bool | None:
    return _send_once(self, lambda: emails.send_certificate_email(registration_id, emailed_at))


@shared_task(bind=True, name=EVENT_MESSAGE_TASK, **MAIL_RETRY_POLICY)
def send_event_message_email_task(self, recipient_id: int) -> bool | None:
    return _send_once(self, lambda: emails.send_event_message_email(recipient_id))


@shared_task(name="events.process_seat_offers", acks_late=True)
def process_seat_offers_task() -> dict:
    """Recall offers about to lapse, then lapse the expired ones (their seats go to the next people)."""
    return {"reminded": registrations.remind_offers(), "lapsed": registrations.lapse_expired_offers()}


@shared_task(name="events.send_due_reminders", acks_late=True)
def send_due_reminders_task() -> int:
    return reminders.send_due_reminders()


@shared_task(name="events.erase_expired_private_answers", acks_late=True)
def erase_expired_private_answers_task() -> int:
    return answers.erase_expired_private_answers()


# Writing a letter takes a second at most; the claim on its outbox message outlives any delivery.
VISA_LETTER_TIME_LIMIT_SECONDS = 2 * 60


@shared_task(
    bind=True,
    name=visa_letters.VISA_LETTER_TASK,
    acks_late=True,
    time_limit=VISA_LETTER_TIME_LIMIT_SECONDS,
    autoretry_for=(outbox.MessageBeingPerformed,),
    retry_backoff=30,
)
def issue_visa_letter_task(self, registration_id: int, issued_by_id: int | None) -> int | None:
    """One letter once, however often the message is delivered: the letter and the stamp on its
    message commit together."""

    def issue() -> int | None:
        letter = visa_letters.issue_requested_visa_letter(registration_id, issued_by_id)
        return letter.pk if letter else None

    with transaction.atomic():
        return outbox.perform_once(self.request.id, issue, claim_seconds=VISA_LETTER_TIME_LIMIT_SECONDS + 60)
