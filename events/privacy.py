"""A participant's own data: the download of everything we hold about them, and deleting their account.

Deleting an account removes the user (and with it their login addresses) but keeps the Participant
row, anonymised, with its registrations: reports to donors count past participants by country,
organisation kind and event, and those numbers must not change when someone leaves. What identifies
the person (names, email, organisation, job title, gender) is erased; registrations for events still
to come are cancelled so that their seats go to the waitlist.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import Participant, Registration, new_secret_token
from .services import ACTIVE_STATUSES, cancel_registration

ANONYMISED_FIRST_NAME = "Anonymised"
ANONYMISED_LAST_NAME = "participant"
# The .invalid top-level domain is reserved (RFC 2606): no mail can ever reach these addresses.
ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"
EXPORT_FORMAT_VERSION = 1


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def participant_data(user, verify_url_for=None) -> dict:
    """Everything held about a signed-in person, as JSON-ready data. Three queries whatever the number
    of registrations. `verify_url_for(code)` gives a certificate's verification link when passed."""
    participant = Participant.objects.filter(user=user).first()
    registrations = (
        list(Registration.objects.filter(participant=participant).select_related("event").order_by("created_at", "pk"))
        if participant
        else []
    )
    profile = None
    if participant is not None:
        profile = {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "email": participant.email,
            "country": participant.country.code or "",
            "organisation": participant.organisation,
            "organisation_kind": participant.organisation_kind,
            "job_title": participant.job_title,
            "gender": participant.gender,
            "language": participant.language,
            "consented_at": _iso(participant.consented_at),
            "created_at": _iso(participant.created_at),
        }
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "account": {"email": user.email, "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login)},
        "profile": profile,
        "registrations": [
            {
                "event": registration.event.title,
                "event_slug": registration.event.slug,
                "event_starts_at": _iso(registration.event.starts_at),
                "event_ends_at": _iso(registration.event.ends_at),
                "status": registration.status,
                "registered_at": _iso(registration.created_at),
                "decided_at": _iso(registration.decided_at),
                "attended": registration.attended,
                "checked_in_at": _iso(registration.checked_in_at),
            }
            for registration in registrations
        ],
        "certificates": [
            {
                "event": registration.event.title,
                "code": registration.certificate_code,
                "issued_at": _iso(registration.certificate_issued_at),
                **({"verify_url": verify_url_for(registration.certificate_code)} if verify_url_for else {}),
            }
            for registration in registrations
            if registration.certificate_code
        ],
    }


def anonymised_email(participant: Participant) -> str:
    return f"participant-{participant.pk}-{secrets.token_hex(6)}@{ANONYMISED_EMAIL_DOMAIN}"


def _cancel_future_registrations(participant: Participant, now) -> list[Registration]:
    """Give up the seats (and waitlist places) of events that have not started; cancel_registration
    promotes the waitlist into each freed seat."""
    upcoming = Registration.objects.filter(
        participant=participant, status__in=ACTIVE_STATUSES, event__starts_at__gt=now
    ).order_by("pk")
    return [cancel_registration(registration) for registration in upcoming]


def anonymise_participant(participant: Participant) -> Participant:
    """Erase what identifies the person; keep country and organisation kind for statistics."""
    participant.first_name = ANONYMISED_FIRST_NAME
    participant.last_name = ANONYMISED_LAST_NAME
    participant.email = anonymised_email(participant)
    participant.organisation = ""
    participant.job_title = ""
    participant.gender = ""
    participant.user = None
    # A new token revokes the personal calendar feed's secret address.
    participant.calendar_token = new_secret_token()
    participant.anonymised_at = timezone.now()
    participant.save()
    return participant


@transaction.atomic
def delete_account(user) -> Participant | None:
    """Delete a person's account: cancel their upcoming registrations, anonymise their participant
    record (kept, with past registrations, for statistics) and delete the user. Returns the
    anonymised participant, if they had one."""
    participant = Participant.objects.select_for_update().filter(user=user).first()
    if participant is not None:
        _cancel_future_registrations(participant, timezone.now())
        participant = anonymise_participant(participant)
    get_user_model().objects.filter(pk=user.pk).delete()
    return participant
