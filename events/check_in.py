"""The check-in desk: find a participant among an event's registrations and record their arrival.

Checking in is mark_attended for one registration, with an undo for the wrong row clicked in a queue.
The search and the counts run a fixed number of queries whatever the number of registrations.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower

from .models import Event, Registration
from .services import ACTIVE_STATUSES, RegistrationError, mark_attended

Status = Registration.Status
# Rows shown at once: a desk needs the few that match, not the whole list.
SEARCH_RESULTS_LIMIT = 25


class CheckInError(RegistrationError):
    pass


@dataclass(frozen=True)
class CheckInCounts:
    checked_in: int
    confirmed: int


def check_in_counts(event: Event) -> CheckInCounts:
    counts = event.registrations.aggregate(
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, attended=True)),
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
    )
    return CheckInCounts(**counts)


def search_registrations(event: Event, query: str = "") -> QuerySet:
    """The event's active registrations whose participant's name or email contains every word typed.

    Words match anywhere in "first last email", so "ami dia" finds Amina Diallo and a full address
    finds its owner; case does not matter."""
    registrations = (
        event.registrations.filter(status__in=ACTIVE_STATUSES)
        .select_related("participant")
        .annotate(
            searchable=Lower(
                Concat(
                    "participant__first_name",
                    Value(" "),
                    "participant__last_name",
                    Value(" "),
                    "participant__email",
                    output_field=CharField(),
                )
            )
        )
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    for word in query.lower().split()[:5]:
        registrations = registrations.filter(searchable__contains=word)
    return registrations[:SEARCH_RESULTS_LIMIT]


@transaction.atomic
def check_in(registration: Registration) -> Registration:
    """Record that a confirmed participant arrived (attended, with the time); checking in twice keeps the first time."""
    if not mark_attended([registration], attended=True):
        raise CheckInError(
            f"{registration.participant} is not confirmed for {registration.event.title}: not checked in."
        )
    registration.refresh_from_db(fields=["attended", "checked_in_at"])
    return registration


@transaction.atomic
def undo_check_in(registration: Registration) -> Registration:
    """Take back a check-in made by mistake."""
    mark_attended([registration], attended=False)
    registration.refresh_from_db(fields=["attended", "checked_in_at"])
    return registration
