"""Thin Celery wrappers over events/emails.py; events/notifications.py queues them after a commit."""

import smtplib

from celery import shared_task

from . import emails

# Worth another try later: the mail server is down, busy or slow (OSError covers refused connections
# and timeouts). A refused recipient is permanent: retrying would only send the others' copies again.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)
PERMANENT_MAIL_ERRORS = (smtplib.SMTPRecipientsRefused,)

# Every task that sends an email retries the same way.
MAIL_RETRY_POLICY = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_MAIL_ERRORS,
    "dont_autoretry_for": PERMANENT_MAIL_ERRORS,
    "retry_backoff": 30,  # 30 s, 1 min, 2 min, ... capped below: a mail server's outage rarely lasts seconds
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="events.send_registration_email", **MAIL_RETRY_POLICY)
def send_registration_email_task(registration_id: int, kind: str, previous_status: str = "") -> bool:
    return emails.send_registration_email(registration_id, kind, previous_status)


@shared_task(name="events.send_certificate_email", **MAIL_RETRY_POLICY)
def send_certificate_email_task(registration_id: int, emailed_at: str) -> bool:
    return emails.send_certificate_email(registration_id, emailed_at)
