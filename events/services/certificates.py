"""Issuing and emailing certificates of attendance (the rules and the PDF are in events/certificates.py).

Issuing is idempotent: the code and date are set once and never change. Staff also email
certificates: once per registration unless they choose to send it again; certificate_emailed_at
records when."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import notifications
from ..certificates import CertificateError, certificate_email_refusal, certificate_refusal, new_certificate_code
from ..models import Registration
from .registrations import BulkOutcome


@transaction.atomic
def issue_certificate(registration: Registration) -> Registration:
    """Give an attended registration its certificate code and date, once; later calls change nothing.

    Raises CertificateError when the registration gets no certificate."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event__programme", "participant")
        .get(pk=registration.pk)
    )
    refused = certificate_refusal(registration)
    if refused is not None:
        raise refused
    if registration.certificate_code:
        return registration
    for _attempt in range(5):
        registration.certificate_code = new_certificate_code()
        try:
            # A savepoint, so that a (vanishingly rare) duplicate code can be retried in this transaction.
            with transaction.atomic():
                registration.certificate_issued_at = timezone.now()
                registration.save(update_fields=["certificate_code", "certificate_issued_at", "updated_at"])
            return registration
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free certificate code after five attempts.")


def issue_certificates(registrations: Iterable[Registration]) -> BulkOutcome:
    """Issue certificates for many registrations (the admin action); refusals do not stop the others."""
    outcome = BulkOutcome()
    for registration in registrations:
        try:
            outcome.changed.append(issue_certificate(registration))
        except CertificateError as refused:
            outcome.refused.append((registration, str(refused)))
    return outcome


@transaction.atomic
def email_certificate(registration: Registration, send_again: bool = False) -> Registration:
    """Issue the certificate if needed and email it to the participant (after the commit, by a task).

    Emails once: a registration already emailed is refused unless staff choose to send it again.
    Raises CertificateError when the registration gets no certificate or no email."""
    # Locks the registration until this transaction ends, so two staff clicking at once send one email.
    registration = issue_certificate(registration)
    refused = certificate_email_refusal(registration, send_again=send_again)
    if refused is not None:
        raise refused
    registration.certificate_emailed_at = timezone.now()
    registration.save(update_fields=["certificate_emailed_at", "updated_at"])
    notifications.notify_certificate_after_commit(registration)
    return registration


def email_certificates(registrations: Iterable[Registration], send_again: bool = False) -> BulkOutcome:
    """Issue and email certificates for many registrations (the admin actions); refusals do not stop the others."""
    outcome = BulkOutcome()
    for registration in registrations:
        try:
            outcome.changed.append(email_certificate(registration, send_again=send_again))
        except CertificateError as refused:
            outcome.refused.append((registration, str(refused)))
    return outcome
