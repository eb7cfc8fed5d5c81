"""The check-in desk's writes: record a participant's arrival, or take it back (the desk's search
and counts are in selectors)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from ..models import Event, Participant, Registration
from ..rules import ATTENDABLE_STATUSES, check_in_is_open, check_in_opens_at
from ..tickets import read_ticket_token
from .registrations import RegistrationError, mark_attended


class CheckInError(RegistrationError):
    pass


def check_in_closed(event: Event) -> CheckInError | None:
    """Why the desk records nothing for the event, or None while it is open: a cancelled event takes
    nobody in, and the desk opens at events.rules.check_in_opens_at."""
    if event.status == Event.Status.CANCELLED:
        return CheckInError(gettext("%(event)s is cancelled: nobody is checked in.") % {"event": event.title})
    if check_in_is_open(event):
        return None
    return CheckInError(
        gettext("Check-in for %(event)s opens on %(date)s.")
        % {"event": event.title, "date": formats.date_format(check_in_opens_at(event), "DATETIME_FORMAT")}
    )


@transaction.atomic
def check_in(registration: Registration) -> Registration:
    """Record that a confirmed participant arrived (attended, with the time); checking in twice keeps the first time."""
    if refused := check_in_closed(registration.event):
        raise refused
    if not mark_attended([registration], attended=True):
        raise CheckInError(
            f"{registration.participant} is not confirmed for {registration.event.title}: not checked in."
        )
    registration.refresh_from_db(fields=["attended", "checked_in_at"])
    return registration


@dataclass(frozen=True)
class ArrivalBefore:
    """What the desk knew before a scan: whether the person was attending already, and since when
    (None for attendance recorded without a time, as an imported attendee list records it)."""

    attending: bool
    checked_in_at: datetime.datetime | None


@transaction.atomic
def check_in_ticket(event: Event, token: str) -> tuple[Registration, ArrivalBefore]:
    """Check in the holder of a scanned ticket or badge: the registration, and whether and when it
    was checked in before. Raises CheckInError saying plainly what is wrong with the code: not one of our tickets,
    another event's, or a registration that is not confirmed."""
    code = read_ticket_token(token)
    if code is None:
        raise CheckInError(gettext("This code is not a ticket or badge of ours."))
    # Locked until the scan is recorded: two desks scanning one badge at once agree on who was first.
    registration = (
        Registration.objects.select_related("participant", "event")
        .select_for_update(of=("self",))
        .filter(pk=code.registration_id)
        .first()
    )
    if registration is None:
        raise CheckInError(gettext("This ticket's registration no longer exists."))
    if code.event_id != event.pk or registration.event_id != event.pk:
        raise CheckInError(
            gettext("This ticket is for another event: %(event)s.") % {"event": registration.event.title}
        )
    if registration.status not in ATTENDABLE_STATUSES:
        raise CheckInError(
            gettext("%(name)s's registration is %(status)s: not checked in.")
            % {"name": registration.participant, "status": registration.get_status_display().lower()}
        )
    earlier = ArrivalBefore(registration.attended, registration.checked_in_at)
    return check_in(registration), earlier


@transaction.atomic
def undo_check_in(registration: Registration) -> Registration:
    """Take back a check-in made by mistake."""
    mark_attended([registration], attended=False)
    registration.refresh_from_db(fields=["attended", "checked_in_at"])
    return registration


@transaction.atomic
def record_walk_in(event: Event, person: dict, recorded_by=None) -> Registration:
    """Someone who came without a confirmed seat, recorded and checked in in one step.

    `person` holds the participant's fields (first_name, last_name, email, country, organisation,
    organisation_kind); an email may be left out. Someone already on file with that email is
    not duplicated: their registration for the event, if any, is marked attended whatever its status
    (events.rules.took_part counts them), otherwise a walk-in registration is added. A walk-in is
    not a confirmed registration, so the seats of those who registered are not taken by it."""
    if refused := check_in_closed(event):
        raise refused
    email = person.get("email", "").strip()
    participant = Participant.objects.with_email(email).select_for_update().first() if email else None
    if participant is None:
        participant = Participant.objects.create(**{**person, "email": email})
    now = timezone.now()
    registration, created = Registration.objects.select_for_update().get_or_create(
        event=event,
        participant=participant,
        defaults={
            "status": Registration.Status.WALK_IN,
            "attended": True,
            "checked_in_at": now,
            "decided_at": now,
            "decided_by": recorded_by,
        },
    )
    if not created and not registration.attended:
        registration.attended = True
        registration.checked_in_at = now
        registration.save(update_fields=["attended", "checked_in_at", "updated_at"])
    return registration
