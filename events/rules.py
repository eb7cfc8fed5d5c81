"""The rules of the events domain that several pages, emails, calendar files and reports apply.
Each is defined here once; everything else calls it.

- Who took part in an event: `took_part` (every count of participants).
- Which registrations are still active: `ACTIVE_STATUSES`.
- Who sees an event's online link: `online_link_for` (event page, My registrations, emails, every
  calendar file).
- Whether a participant may still cancel their own registration: `may_cancel`.
- Which registrations have a calendar file to download: `has_calendar_file`.
- Whether participants are still emailed about their registration's status: `status_emails_go_out`.
- From when the check-in desk records arrivals: `check_in_opens_at`.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Event, Registration

Status = Registration.Status
ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)
# Registrations the check-in desk lists and may mark attended: those with a seat, and walk-ins.
ATTENDABLE_STATUSES = (Status.CONFIRMED, Status.WALK_IN)
# Registrations whose .ics a participant may download: a seat, or one they are waiting to hear about.
CALENDAR_FILE_STATUSES = (Status.CONFIRMED, Status.PENDING)
# Events the public (and participants) may see: drafts are not public.
PUBLIC_EVENT_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def took_part(prefix: str = "") -> Q:
    """The one rule every count of participants uses (reports, dashboard, mapping replies): a
    confirmed registration, or attendance recorded by staff whatever the status (a walk-in).
    `prefix` reaches registrations through a relation, e.g. "registrations__"."""
    return Q(**{f"{prefix}status": Status.CONFIRMED}) | Q(**{f"{prefix}attended": True})


# The rule above as every report's note states it (reports are written in English).
TOOK_PART_NOTE = (
    "A participant is a person with a confirmed registration or whose attendance staff recorded, "
    "walk-ins registered at the door included; someone who took part in several events counts once."
)


def online_link_for(registration: Registration | None) -> str:
    """The event's online link for the holder of `registration`, or "" when they may not see it: the
    link goes to confirmed participants of a published event, and to nobody else (never to a public
    page, a pending or waitlisted person, or anyone once the event is cancelled)."""
    if registration is None or registration.status != Status.CONFIRMED:
        return ""
    event = registration.event
    return event.online_url if event.status == Event.Status.PUBLISHED else ""


def status_emails_go_out(event: Event, now=None) -> bool:
    """Participants hear about their registration's status until the event ends. Afterwards staff are
    tidying the record (confirming who came, declining no-shows): a "Registration confirmed" email
    for an event that is over would only confuse."""
    return event.ends_at > (now or timezone.now())


def check_in_opens_at(event: Event) -> datetime.datetime:
    """The desk opens settings.CHECK_IN_OPENS_HOURS_BEFORE before the event (the day before by
    default) and stays open afterwards, so that staff can still record who came. The moment is given
    in the event's own time zone, as the desk and the admin say it."""
    opens = event.starts_at - datetime.timedelta(hours=settings.CHECK_IN_OPENS_HOURS_BEFORE)
    return timezone.localtime(opens, zoneinfo.ZoneInfo(event.time_zone))


def check_in_is_open(event: Event, now=None) -> bool:
    return (now or timezone.now()) >= check_in_opens_at(event)


def may_cancel(registration: Registration, now=None) -> bool:
    """A participant may cancel their own active registration until the event has ended."""
    now = now or timezone.now()
    return registration.status in ACTIVE_STATUSES and registration.event.ends_at > now


def has_calendar_file(registration: Registration) -> bool:
    """Whether My registrations offers the registration's .ics: a seat or a pending request, for an
    event the public can see."""
    return registration.status in CALENDAR_FILE_STATUSES and registration.event.status in PUBLIC_EVENT_STATUSES
