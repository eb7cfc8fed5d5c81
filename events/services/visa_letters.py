"""Issuing visa support letters (who gets one and what it states: events/visa_letters.py).

Each issue is logged as a VisaLetter holding the PDF as issued; issuing again adds a letter (the
participant downloads the latest). The participant is told by email that the letter is ready; the
email does not carry it, since it states their passport number.

Staff ask for letters in bulk: who gets none is said at once, and the letters are written by the
worker, one task each (a letter takes about a third of a second to render: a conference's worth
would outlast the request)."""

import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from unidir_cb.core import outbox

from .. import notifications
from ..email_kinds import EmailKind
from ..models import Registration, VisaLetter
from ..visa_letters import (
    LETTER_ANSWERS_PREFETCH,
    VisaLetterRefusal,
    letter_content,
    letter_template_of,
    letter_values,
    render_visa_letter_pdf,
    visa_letter_filename,
    visa_letter_refusal,
)
from .registrations import BulkOutcome

VISA_LETTER_TASK = "events.issue_visa_letter"
logger = logging.getLogger(__name__)


def _next_reference(registration: Registration) -> str:
    issued_before = VisaLetter.objects.filter(registration=registration).count()
    return f"VL-{registration.event.starts_on:%Y}-{registration.pk}-{issued_before + 1}"


@transaction.atomic
def issue_visa_letter(registration: Registration, issued_by=None, tell_participant: bool = True) -> VisaLetter:
    """Write, store and log the letter of a confirmed registration that asked for one, and tell the
    participant by email (unless told not to: the demo loader issues letters nobody asked it to send).

    Raises VisaLetterRefusal (saying why) when the registration gets no letter."""
    # Locked, so that the registration cannot be cancelled while its letter is being written.
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event__programme__visa_letter_template", "participant")
        .prefetch_related(LETTER_ANSWERS_PREFETCH)
        .get(pk=registration.pk)
    )
    refused = visa_letter_refusal(registration)
    if refused is not None:
        raise refused
    template = letter_template_of(registration.event)
    reference = _next_reference(registration)
    content = letter_content(letter_values(registration, template, reference, timezone.localdate()), template)
    letter = VisaLetter(
        registration=registration,
        reference=reference,
        issued_by=issued_by,
        passport_number_included=content.passport_number_included,
    )
    letter.file.save(
        visa_letter_filename(registration, reference), ContentFile(render_visa_letter_pdf(content)), save=False
    )
    letter.save()
    if tell_participant:
        notifications.notify_after_commit(registration, EmailKind.VISA_LETTER_ISSUED)
    return letter


def request_visa_letters(registrations: QuerySet[Registration], issued_by=None) -> BulkOutcome:
    """Ask the worker for the letters of those who get one (the admin action); `changed` lists them,
    `refused` says why each of the others gets none. Nothing is sent until the caller commits."""
    outcome = BulkOutcome()
    chosen = registrations.select_related("event__programme__visa_letter_template", "participant")
    for registration in chosen.prefetch_related(LETTER_ANSWERS_PREFETCH):
        refused = visa_letter_refusal(registration)
        if refused is None:
            outcome.changed.append(registration)
        else:
            outcome.refused.append((registration, str(refused)))
    issuer = issued_by.pk if issued_by is not None else None
    outbox.send_many_after_commit(VISA_LETTER_TASK, [[registration.pk, issuer] for registration in outcome.changed])
    return outcome


def issue_requested_visa_letter(registration_id: int, issued_by_id: int | None) -> VisaLetter | None:
    """The worker's side of request_visa_letters: the rule is checked again (the registration may
    have been cancelled since), and a letter refused now is logged, not written."""
    try:
        registration = Registration.objects.get(pk=registration_id)
        issued_by = get_user_model().objects.filter(pk=issued_by_id).first() if issued_by_id else None
        return issue_visa_letter(registration, issued_by)
    except (Registration.DoesNotExist, VisaLetterRefusal) as refused:
        logger.info("No visa letter for registration %s after all: %s", registration_id, refused)
        return None
