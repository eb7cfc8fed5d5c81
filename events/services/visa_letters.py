"""Issuing visa support letters (who gets one and what it states: events/visa_letters.py).

Each issue is logged as a VisaLetter holding the PDF as issued; issuing again adds a letter (the
participant downloads the latest). The participant is told by email that the letter is ready; the
email does not carry it, since it states their passport number."""

from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

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


def issue_visa_letters(registrations: Iterable[Registration], issued_by=None) -> BulkOutcome:
    """Issue letters for many registrations (the admin action); refusals do not stop the others."""
    outcome = BulkOutcome()
    for registration in registrations:
        try:
            outcome.changed.append(issue_visa_letter(registration, issued_by))
        except VisaLetterRefusal as refused:
            outcome.refused.append((registration, str(refused)))
    return outcome
