"""Operations on registrations: registering, deciding, the waiting list, capacity and attendance.
Each runs in one transaction.

Capacity is protected by locking the event row (SELECT ... FOR UPDATE on PostgreSQL) before
counting confirmed seats, so concurrent requests queue on the event and never over-fill it.
SQLite serialises writers on its own, which gives the same guarantee there.
"""

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy
from django_countries.fields import Country

from unidir_cb.core import un_countries
from unidir_cb.core.models import OrganisationKind

from .. import notifications
from ..email_kinds import KIND_FOR_NEW_STATUS, EmailKind
from ..models import Event, Participant, Registration
from ..rules import (
    ACTIVE_STATUSES,
    ATTENDABLE_STATUSES,
    SEAT_STATUSES,
    may_cancel,
    offer_reminder_due_at,
    registration_closes_at,
)

Status = Registration.Status


class Refusal(StrEnum):
    """Why a participant's registration (or cancellation) was refused; REFUSAL_MESSAGES says it to them."""

    EVENT_NOT_PUBLISHED = "event_not_published"
    EVENT_CANCELLED = "event_cancelled"
    EVENT_PAST = "event_past"
    REGISTRATION_NOT_OPEN_YET = "registration_not_open_yet"
    REGISTRATION_CLOSED = "registration_closed"
    INVITATION_REQUIRED = "invitation_required"
    ORGANISATION_KIND_NOT_ELIGIBLE = "organisation_kind_not_eligible"
    COUNTRY_NOT_ELIGIBLE = "country_not_eligible"
    FULL = "full"
    DECLINED_BEFORE = "declined_before"
    NOT_CANCELLABLE = "not_cancellable"
    OFFER_NOT_OPEN = "offer_not_open"
    PROFILE_INCOMPLETE = "profile_incomplete"


# Every reason a participant can read, in one place so that translators and reviewers find them together.
REFUSAL_MESSAGES = {
    Refusal.EVENT_NOT_PUBLISHED: gettext_lazy("%(event)s is not open to the public."),
    Refusal.EVENT_CANCELLED: gettext_lazy("%(event)s has been cancelled: registration is closed."),
    Refusal.EVENT_PAST: gettext_lazy("%(event)s has already taken place."),
    Refusal.REGISTRATION_NOT_OPEN_YET: gettext_lazy("Registration for %(event)s opens on %(date)s."),
    Refusal.REGISTRATION_CLOSED: gettext_lazy("Registration for %(event)s closed on %(date)s."),
    Refusal.INVITATION_REQUIRED: gettext_lazy(
        "%(event)s is by invitation only: please use the registration link from your invitation."
    ),
    Refusal.ORGANISATION_KIND_NOT_ELIGIBLE: gettext_lazy(
        "%(event)s is open to participants from %(eligible)s only; your profile says %(yours)s."
    ),
    Refusal.COUNTRY_NOT_ELIGIBLE: gettext_lazy(
        "%(event)s is open to participants from %(eligible)s only; your profile's country is %(yours)s."
    ),
    Refusal.FULL: gettext_lazy("%(event)s is full and has no waiting list."),
    Refusal.DECLINED_BEFORE: gettext_lazy(
        "Your registration for %(event)s was declined by the organisers; please contact them."
    ),
    Refusal.NOT_CANCELLABLE: gettext_lazy("This registration for %(event)s can no longer be cancelled."),
    Refusal.OFFER_NOT_OPEN: gettext_lazy(
        "The seat offered to you at %(event)s is no longer open: the offer was answered or has lapsed."
    ),
    Refusal.PROFILE_INCOMPLETE: gettext_lazy("Please complete your profile before registering."),
}

# Registration statuses as participants read them (the model's labels are for staff, in English).
STATUS_LABELS = {
    Status.PENDING: gettext_lazy("Pending approval"),
    Status.CONFIRMED: gettext_lazy("Confirmed"),
    Status.WAITLISTED: gettext_lazy("On the waiting list"),
    Status.OFFERED: gettext_lazy("A seat is offered to you"),
    Status.DECLINED: gettext_lazy("Declined"),
    Status.CANCELLED: gettext_lazy("Cancelled"),
    Status.WALK_IN: gettext_lazy("Walk-in"),
}

COUNTRY_GROUP_NAMES = {
    "ldc": gettext_lazy("least developed countries (LDC)"),
    "lldc": gettext_lazy("landlocked developing countries (LLDC)"),
    "sids": gettext_lazy("small island developing States (SIDS)"),
}


class RegistrationError(Exception):
    """A registration operation refused for a reason the person should read.

    `reason` is a Refusal for the participant-facing refusals, empty for staff-only messages."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


def refusal(reason: Refusal, event: Event, **details) -> RegistrationError:
    return RegistrationError(str(REFUSAL_MESSAGES[reason]) % {"event": event.title, **details}, reason=reason)


@dataclass
class BulkOutcome:
    """What a bulk staff action did, for the admin message."""

    changed: list[Registration] = field(default_factory=list)
    refused: list[tuple[Registration, str]] = field(default_factory=list)


def lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def seats_taken(event: Event) -> int:
    """Confirmed registrations and outstanding offers (rules.SEAT_STATUSES)."""
    return event.registrations.filter(status__in=SEAT_STATUSES).count()


def seats_left(event: Event) -> int | None:
    """Free seats, or None when the event has no capacity limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def _decide(registration: Registration, status: str, decided_by) -> Registration:
    registration.status = status
    registration.decided_at = timezone.now()
    registration.decided_by = decided_by
    registration.calendar_sequence += 1
    registration.save(update_fields=["status", "decided_at", "decided_by", "calendar_sequence", "updated_at"])
    return registration


def _locked_registration(registration: Registration) -> tuple[Event, Registration]:
    event = lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    # The row just locked: the notifications' rules read the event without another query.
    registration.event = event
    return event, registration


@transaction.atomic
def confirm_registration(registration: Registration, decided_by=None) -> Registration:
    event, registration = _locked_registration(registration)
    if registration.status == Status.CONFIRMED:
        return registration
    # An outstanding offer already holds its seat.
    if registration.status != Status.OFFERED and seats_left(event) == 0:
        raise RegistrationError(f"{event.title} is full: no seat left to confirm {registration.participant}.")
    _decide(registration, Status.CONFIRMED, decided_by)
    notifications.notify_after_commit(registration, EmailKind.CONFIRMED)
    return registration


@transaction.atomic
def _set_status_and_refill(registration: Registration, status: str, decided_by) -> Registration:
    """Change a registration's status; if that frees a confirmed seat, give it to the waitlist."""
    event, registration = _locked_registration(registration)
    previous_status = registration.status
    held_a_seat = previous_status in SEAT_STATUSES
    _decide(registration, status, decided_by)
    if previous_status != status:
        notifications.notify_after_commit(registration, KIND_FOR_NEW_STATUS[status], previous_status)
    if held_a_seat:
        promote_waitlist(event)
    return registration


def waitlist_registration(registration: Registration, decided_by=None) -> Registration:
    """Put a registration on the waitlist (behind everyone who registered earlier)."""
    return _set_status_and_refill(registration, Status.WAITLISTED, decided_by)


def decline_registration(registration: Registration, decided_by=None) -> Registration:
    return _set_status_and_refill(registration, Status.DECLINED, decided_by)


def cancel_registration(registration: Registration, decided_by=None) -> Registration:
    """Cancel a registration (the participant's own choice, or staff on their behalf)."""
    return _set_status_and_refill(registration, Status.CANCELLED, decided_by)


def promote_waitlist(event: Event) -> list[Registration]:
    """Give free seats to the waiting list, first come first served: confirmed at once, or offered
    for the event's offer_hours (the offer holds the seat until it is accepted, declined or lapses).

    Must run inside a transaction that holds the event's lock (see lock_event)."""
    free = seats_left(event)
    waiting = event.registrations.filter(status=Status.WAITLISTED).order_by(*Registration.QUEUE_ORDER)
    if free is not None:
        waiting = waiting[:free]
    if event.offer_hours:
        return [_offer_seat(registration, event) for registration in waiting.select_for_update()]
    promoted = [_decide(registration, Status.CONFIRMED, None) for registration in waiting.select_for_update()]
    for registration in promoted:
        notifications.notify_after_commit(registration, EmailKind.PROMOTED)
    return promoted


def _offer_seat(registration: Registration, event: Event) -> Registration:
    _decide(registration, Status.OFFERED, None)
    # An offer never outlives the start of the event it is for.
    offered_until = registration.decided_at + datetime.timedelta(hours=event.offer_hours)
    registration.offer_expires_at = min(offered_until, event.starts_at)
    registration.offer_reminded_at = None
    registration.save(update_fields=["offer_expires_at", "offer_reminded_at", "updated_at"])
    registration.event = event
    notifications.notify_after_commit(registration, EmailKind.OFFERED)
    return registration


@transaction.atomic
def accept_offer(registration: Registration, now=None) -> Registration:
    """The offered person takes the seat (it was held for them): their registration is confirmed."""
    event, registration = _locked_registration(registration)
    now = now or timezone.now()
    if registration.status != Status.OFFERED or registration.offer_expires_at <= now:
        raise refusal(Refusal.OFFER_NOT_OPEN, event)
    _decide(registration, Status.CONFIRMED, None)
    notifications.notify_after_commit(registration, EmailKind.CONFIRMED)
    return registration


@transaction.atomic
def decline_offer(registration: Registration) -> Registration:
    """The offered person gives the seat up: their registration is cancelled and the seat offered to
    the next person waiting. Checked under the lock: an offer accepted a moment before (a second
    click) is not cancelled."""
    event, registration = _locked_registration(registration)
    if registration.status != Status.OFFERED:
        raise refusal(Refusal.OFFER_NOT_OPEN, event)
    return cancel_registration(registration)


def lapse_expired_offers(now=None) -> int:
    """Offers nobody answered in time lapse (the registration is cancelled, the person told) and
    their seats go to the next people waiting; each event in its own transaction, under its lock."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list("event_id", flat=True)
    )
    return sum(_lapse_offers_of(event_id, now) for event_id in sorted(event_ids))


@transaction.atomic
def _lapse_offers_of(event_id: int, now) -> int:
    event = lock_event(event_id)
    expired = event.registrations.filter(status=Status.OFFERED, offer_expires_at__lte=now).select_for_update()
    lapsed = [_decide(registration, Status.CANCELLED, None) for registration in expired]
    for registration in lapsed:
        registration.event = event
        notifications.notify_after_commit(registration, EmailKind.OFFER_LAPSED)
    promote_waitlist(event)
    return len(lapsed)


@transaction.atomic
def remind_offers(now=None) -> int:
    """Recall each outstanding offer to its person once, when a quarter of its time is left. The
    stamp is set by a conditional update, so two runs of beat at once remind nobody twice."""
    now = now or timezone.now()
    outstanding = Registration.objects.filter(
        status=Status.OFFERED, offer_reminded_at__isnull=True, offer_expires_at__gt=now
    ).select_related("event")
    reminded = 0
    for registration in outstanding:
        if offer_reminder_due_at(registration) > now:
            continue
        if Registration.objects.filter(pk=registration.pk, offer_reminded_at__isnull=True).update(
            offer_reminded_at=now
        ):
            notifications.notify_after_commit(registration, EmailKind.OFFER_REMINDER)
            reminded += 1
    return reminded


@transaction.atomic
def move_up_the_waiting_list(registration: Registration, decided_by=None, to_the_front: bool = False) -> Registration:
    """Staff give a waiting person the place of the one ahead of them (or the first place): their
    queue time becomes just before that person's. The registration's history records the move."""
    event, registration = _locked_registration(registration)
    if registration.status != Status.WAITLISTED:
        raise RegistrationError(f"not on the waiting list of {event.title}.")
    queue = event.registrations.filter(status=Status.WAITLISTED).order_by(*Registration.QUEUE_ORDER)
    ahead = queue.filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    overtaken = ahead.first() if to_the_front else ahead.last()
    if overtaken is None:
        raise RegistrationError(f"already first on the waiting list of {event.title}.")
    registration.queued_at = overtaken.queued_at - datetime.timedelta(microseconds=1)
    registration.decided_by = decided_by
    registration._change_reason = (
        "Moved to the front of the waiting list" if to_the_front else "Moved up the waiting list"
    )
    registration.save(update_fields=["queued_at", "decided_by", "updated_at"])
    return registration


@transaction.atomic
def change_capacity(event: Event, capacity: int | None) -> list[Registration]:
    """Set a new capacity and promote the waitlist into any seats it frees."""
    event = lock_event(event.pk)
    taken = seats_taken(event)
    if capacity is not None and capacity < taken:
        raise RegistrationError(
            f"{event.title} already has {taken} seats taken (confirmed or offered): "
            f"the capacity cannot drop to {capacity}."
        )
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    return promote_waitlist(event)


def apply_to_each(registrations: Iterable[Registration], operation, decided_by=None) -> BulkOutcome:
    """Run a one-registration operation over many; a refusal for one does not stop the others."""
    outcome = BulkOutcome()
    for registration in registrations:
        try:
            outcome.changed.append(operation(registration, decided_by=decided_by))
        except RegistrationError as refusal:
            outcome.refused.append((registration, str(refusal)))
    return outcome


@transaction.atomic
def mark_attended(registrations: Iterable[Registration], attended: bool = True) -> int:
    """Record attendance; only confirmed registrations and walk-ins can have attended."""
    ids = [registration.pk for registration in registrations]
    changed = 0
    attendable = Registration.objects.select_for_update().filter(pk__in=ids, status__in=ATTENDABLE_STATUSES)
    for registration in attendable:
        registration.attended = attended
        registration.checked_in_at = (registration.checked_in_at or timezone.now()) if attended else None
        registration.save(update_fields=["attended", "checked_in_at", "updated_at"])
        changed += 1
    return changed


def _formatted(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def registration_closed_refusal(event: Event, now=None) -> RegistrationError | None:
    """Why nobody can register for this event right now (status, date, window), or None."""
    now = now or timezone.now()
    if event.status == Event.Status.DRAFT:
        return refusal(Refusal.EVENT_NOT_PUBLISHED, event)
    if event.status == Event.Status.CANCELLED:
        return refusal(Refusal.EVENT_CANCELLED, event)
    if event.ends_at <= now:
        return refusal(Refusal.EVENT_PAST, event)
    if event.registration_opens_at and now < event.registration_opens_at:
        return refusal(Refusal.REGISTRATION_NOT_OPEN_YET, event, date=_formatted(event.registration_opens_at))
    closes_at = registration_closes_at(event)
    if now >= closes_at:
        return refusal(Refusal.REGISTRATION_CLOSED, event, date=_formatted(closes_at))
    return None


def invitation_is_valid(event: Event, invitation_token: str | None) -> bool:
    if event.admission != Event.Admission.BY_INVITATION:
        return True
    return bool(invitation_token) and secrets.compare_digest(str(invitation_token), event.invitation_token)


def eligibility_refusal(event: Event, participant: Participant) -> RegistrationError | None:
    """Which eligibility rule of the event the participant's profile does not meet, or None."""
    eligible_kinds = list(event.eligible_organisation_kinds or [])
    if eligible_kinds and participant.organisation_kind not in eligible_kinds:
        return refusal(
            Refusal.ORGANISATION_KIND_NOT_ELIGIBLE,
            event,
            eligible=", ".join(str(OrganisationKind(kind).label) for kind in eligible_kinds),
            yours=participant.get_organisation_kind_display() or gettext("no organisation kind"),
        )
    eligible_groups = list(event.eligible_country_groups or [])
    eligible_countries = list(event.eligible_countries or [])
    country = participant.country.code or ""
    if (eligible_groups or eligible_countries) and not (
        country in eligible_countries or any(un_countries.is_member(country, group) for group in eligible_groups)
    ):
        return refusal(
            Refusal.COUNTRY_NOT_ELIGIBLE,
            event,
            eligible=eligible_countries_text(event),
            yours=participant.country.name or gettext("not given"),
        )
    return None


def eligible_countries_text(event: Event) -> str:
    """The countries an event is open to, as its page and its refusals say them ("LDC or Kenya")."""
    # Translators: joins the names of country groups and countries, e.g. "LDC or SIDS or Kenya".
    return gettext(" or ").join(
        [str(COUNTRY_GROUP_NAMES[group]) for group in event.eligible_country_groups or []]
        + [str(Country(code).name) for code in event.eligible_countries or []]
    )


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PENDING = "pending"
    ALREADY_REGISTERED = "already_registered"


OUTCOME_MESSAGES = {
    Outcome.CONFIRMED: gettext_lazy("You are registered for %(event)s: your seat is confirmed."),
    Outcome.WAITLISTED: gettext_lazy(
        "%(event)s is full: you are on the waiting list and will be confirmed automatically if a seat frees."
    ),
    Outcome.PENDING: gettext_lazy(
        "Your registration for %(event)s is awaiting the organisers' approval; you will hear from them."
    ),
    Outcome.ALREADY_REGISTERED: gettext_lazy("You are already registered for %(event)s (%(status)s)."),
}


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    outcome: Outcome

    @property
    def message(self) -> str:
        return str(OUTCOME_MESSAGES[self.outcome]) % {
            "event": self.registration.event.title,
            "status": STATUS_LABELS[self.registration.status],
        }


def _status_for_new_registration(event: Event) -> str:
    """The status a new registration gets; the caller holds the event's lock. While the event is full
    this is one count of at most `capacity` rows, however long the waiting list."""
    if event.admission == Event.Admission.BY_APPROVAL:
        return Status.PENDING
    free = seats_left(event)
    if free != 0 and event.registrations.filter(status=Status.WAITLISTED).exists():
        # Seats freed earlier go to those already waiting before anyone new (first come, first served).
        promoted = promote_waitlist(event)
        free = None if free is None else free - len(promoted)
    if free is None or free > 0:
        return Status.CONFIRMED
    if event.waitlist_enabled:
        return Status.WAITLISTED
    raise refusal(Refusal.FULL, event)


@transaction.atomic
def register_participant(event: Event, participant: Participant, invitation_token: str | None = None):
    """Register a participant for an event by the event's rules; returns a RegistrationResult.

    Raises RegistrationError (with a Refusal reason) when the rules refuse. The event row is locked
    while the seat is decided and written, so concurrent registrations queue and never exceed the
    capacity; what needs no lock (the person's earlier registration, if any) is read before it, so
    the queue moves fast."""
    earlier = Registration.objects.filter(event_id=event.pk, participant=participant).first()
    if earlier is not None and earlier.status in ACTIVE_STATUSES:
        earlier.event = event
        return RegistrationResult(earlier, Outcome.ALREADY_REGISTERED)
    event = lock_event(event.pk)
    # Every change to an event's registrations holds its lock: under it, the earlier row is current.
    registration = Registration.objects.get(pk=earlier.pk) if earlier is not None else None
    if registration is not None and registration.status in ACTIVE_STATUSES:
        registration.event = event
        return RegistrationResult(registration, Outcome.ALREADY_REGISTERED)
    closed = registration_closed_refusal(event)
    if closed is not None:
        raise closed
    if registration is not None and registration.status == Status.DECLINED:
        raise refusal(Refusal.DECLINED_BEFORE, event)
    if not invitation_is_valid(event, invitation_token):
        raise refusal(Refusal.INVITATION_REQUIRED, event)
    not_eligible = eligibility_refusal(event, participant)
    if not_eligible is not None:
        raise not_eligible

    status = _status_for_new_registration(event)
    now = timezone.now()
    decided_at = None if status == Status.PENDING else now
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, participant=participant, status=status, decided_at=decided_at
                )
        except IntegrityError:
            # The same person's other request (a double click) took the lock first and registered them.
            registration = Registration.objects.select_related("event").get(event=event, participant=participant)
            return RegistrationResult(registration, Outcome.ALREADY_REGISTERED)
    else:
        # Coming back after cancelling: a new registration time puts them at the back of the queue.
        registration.status = status
        registration.created_at = registration.queued_at = now
        registration.decided_at = decided_at
        registration.decided_by = None
        registration.calendar_sequence += 1
        registration.save(
            update_fields=[
                *("status", "created_at", "queued_at", "decided_at", "decided_by", "calendar_sequence", "updated_at")
            ]
        )
    registration.event = event
    notifications.notify_after_commit(registration, KIND_FOR_NEW_STATUS[status])
    return RegistrationResult(registration, Outcome(status))


@transaction.atomic
def cancel_own_registration(registration: Registration, user) -> Registration:
    """A participant cancels their own active registration for an event that has not ended; a freed
    seat goes to the waitlist."""
    event, registration = _locked_registration(registration)
    registration.event = event
    if not may_cancel(registration):
        raise refusal(Refusal.NOT_CANCELLABLE, event)
    return cancel_registration(registration, decided_by=user)
