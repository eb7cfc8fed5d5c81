"""The check-in desk's writes: record a participant's arrival, or take it back (the desk's search
and counts are in selectors)."""

from django.db import transaction

from ..models import Registration
from .registrations import RegistrationError, mark_attended


class CheckInError(RegistrationError):
    pass


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
