"""Operations on participants: the profile step, linking an account to the participant imported
earlier, the secret calendar address, and deleting an account. Each runs in one transaction.

Deleting an account removes the user (and with it their login addresses) but keeps the Participant
row, anonymised, with its registrations: reports to donors count past participants by country,
organisation kind and event, and those numbers must not change when someone leaves. What identifies
the person (names, email, organisation, job title, gender, every answer to an event's questions and
every uploaded file) is erased; registrations for events still
to come are cancelled so that their seats go to the waitlist.
"""

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Participant, Registration, new_secret_token
from ..rules import ACTIVE_STATUSES
from .answers import erase_answers_of
from .registrations import cancel_registration

PROFILE_REQUIRED_FIELDS = ("first_name", "last_name", "country", "organisation", "organisation_kind", "job_title")


def profile_is_complete(participant: Participant | None) -> bool:
    """Whether the person told us enough (and consented) to be registered for an event."""
    if participant is None or participant.consented_at is None:
        return False
    return all(getattr(participant, name) for name in PROFILE_REQUIRED_FIELDS)


@transaction.atomic
def link_participant_to_user(user, verified_email: str) -> Participant | None:
    """Give a verified account the participant imported earlier with the same address (any case).

    Past attendee lists are imported without accounts; linking (rather than creating a second
    participant) keeps the person's history in one record. Only a verified address may claim one."""
    existing = Participant.objects.filter(user=user).first()
    if existing is not None:
        return existing
    imported = Participant.objects.select_for_update().with_email(verified_email).filter(user__isnull=True).first()
    if imported is None:
        return None
    imported.user = user
    imported.save(update_fields=["user", "updated_at"])
    return imported


def find_or_link_participant(user) -> Participant | None:
    """The participant of a signed-in user, linking an imported one by a verified address if need be."""
    participant = Participant.objects.filter(user=user).first()
    if participant is not None:
        return participant
    for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True):
        participant = link_participant_to_user(user, address)
        if participant is not None:
            return participant
    return None


@transaction.atomic
def save_participant_profile(participant: Participant, *, consent_given: bool) -> Participant:
    """Save the profile step; the first consent is dated so that we can show when it was given."""
    if consent_given and participant.consented_at is None:
        participant.consented_at = timezone.now()
    participant.save()
    return participant


@transaction.atomic
def renew_calendar_token(participant: Participant) -> Participant:
    """Give the participant a new secret calendar address; the old one stops working at once."""
    participant.calendar_token = new_secret_token()
    participant.save(update_fields=["calendar_token", "updated_at"])
    return participant


# Deleting an account ---------------------------------------------------------------------------


def anonymised_email(participant: Participant) -> str:
    return f"participant-{participant.pk}-{secrets.token_hex(6)}@{Participant.ANONYMISED_EMAIL_DOMAIN}"


def _cancel_future_registrations(participant: Participant, now) -> list[Registration]:
    """Give up the seats (and waitlist places) of events that have not started; cancel_registration
    promotes the waitlist into each freed seat."""
    upcoming = Registration.objects.filter(
        participant=participant, status__in=ACTIVE_STATUSES, event__starts_at__gt=now
    ).order_by("pk")
    return [cancel_registration(registration) for registration in upcoming]


def anonymise_participant(participant: Participant) -> Participant:
    """Erase what identifies the person; keep country and organisation kind for statistics."""
    participant.first_name = Participant.ANONYMISED_FIRST_NAME
    participant.last_name = Participant.ANONYMISED_LAST_NAME
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
        # Answers (uploaded files, passport details, needs) are personal data no statistic needs.
        erase_answers_of(participant)
        participant = anonymise_participant(participant)
    get_user_model().objects.filter(pk=user.pk).delete()
    return participant
