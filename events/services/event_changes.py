"""Operations on events themselves: saving staff edits and changing status. Participants hear about
what changes their calendar (time, place, online link, status), and nothing else.
Each runs in one transaction."""

from collections.abc import Iterable

from django.db import transaction

from .. import notifications
from ..email_kinds import EmailKind
from ..models import Event
from .registrations import lock_event, promote_waitlist


@transaction.atomic
def set_event_status(events: Iterable[Event], status: str) -> int:
    """Publish, unpublish (back to draft) or cancel events; participants' calendars see the change."""
    changed = 0
    for event in Event.objects.select_for_update().filter(pk__in=[event.pk for event in events]).exclude(status=status):
        previous_status = event.status
        event.status = status
        event.calendar_sequence += 1
        event.save(update_fields=["status", "calendar_sequence", "updated_at"])
        _tell_confirmed_about_status_change(event, previous_status)
        changed += 1
    return changed


# What participants must hear about: a change to any of these updates the invitation in their calendar.
CALENDAR_FIELDS = ("starts_at", "ends_at", "time_zone", "format", "venue", "city", "country", "online_url", "status")


def _tell_confirmed_about_status_change(event: Event, previous_status: str) -> None:
    if event.status == Event.Status.CANCELLED:
        notifications.notify_confirmed_of_event_change(event, EmailKind.EVENT_CANCELLED)
    elif event.status == Event.Status.PUBLISHED and previous_status == Event.Status.CANCELLED:
        # Called off, then on again: the new invitation restores the entry the cancellation removed.
        notifications.notify_confirmed_of_event_change(event, EmailKind.EVENT_UPDATED)


@transaction.atomic
def save_event(event: Event) -> list[str]:
    """Save an event edited by staff; returns the calendar fields that changed.

    A change of time, place, online link or status raises calendar_sequence and sends confirmed
    participants an updated invitation (a cancellation when the event is cancelled); other edits
    (a typo in the description) send nothing. A capacity increase promotes the waitlist."""
    if event.pk is None:
        event.save()
        return []
    before = lock_event(event.pk)
    changed = [name for name in CALENDAR_FIELDS if getattr(before, name) != getattr(event, name)]
    if changed:
        event.calendar_sequence = before.calendar_sequence + 1
    event.save()
    if "status" in changed:
        _tell_confirmed_about_status_change(event, before.status)
    elif changed and event.status == Event.Status.PUBLISHED:
        notifications.notify_confirmed_of_event_change(event, EmailKind.EVENT_UPDATED)
    if event.capacity != before.capacity:
        promote_waitlist(event)
    return changed
