"""iCalendar (RFC 5545) files for events: invitations, updates, cancellations and feeds.

- UIDs are stable (derived from the event's primary key and the site's domain), so a calendar
  client replaces the entry it already has instead of adding a second one.
- Times are written in the event's own time zone with a VTIMEZONE of yearly rules
  (events/time_zones.py), so an event in Geneva stays at 09:00 Geneva time across daylight-saving
  changes whichever client opens it.
- METHOD follows RFC 5546: every file the site serves (feeds, an event's file, a registration's
  download) is PUBLISH, a copy to import; only the emailed invitations are REQUEST, and CANCEL once
  the seat or the event is gone. Those carry ORGANIZER and ATTENDEE.
- SEQUENCE is the event's calendar_sequence (raised by every change participants must hear about)
  plus, in a participant's own files, their registration's (raised by every change of its status),
  so each invitation or cancellation emailed outranks the one before it.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar, vCalAddress, vDuration, vText
from icalendar import Event as CalendarEvent

from .models import Event, Registration
from .rules import online_link_for
from .time_zones import vtimezone

PRODUCT_ID = "-//UNIDIR//unidir_cb events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{settings.CALENDAR_UID_DOMAIN}"


def event_location(event: Event) -> str:
    """Where the event takes place, in the active language (callers activate the reader's)."""
    if event.format == Event.Format.ONLINE:
        return gettext("Online")
    place = ", ".join(part for part in (event.venue, event.city, event.country.name if event.country else "") if part)
    return gettext("%(place)s (and online)") % {"place": place} if event.format == Event.Format.HYBRID else place


def registration_sequence(registration: Registration) -> int:
    """The SEQUENCE of a participant's own calendar entry: both counters only ever rise, so every
    invitation or cancellation they are sent outranks the ones before it (RFC 5546 section 2.1.4)."""
    return registration.event.calendar_sequence + registration.calendar_sequence


def _calendar(method: str, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _finish(calendar: Calendar, events: Iterable[Event]) -> bytes:
    """Add one VTIMEZONE per time zone the events use and serialise; the zones go before the events
    that refer to them, as in the RFC's examples and every client's own files."""
    calendar.subcomponents[:0] = [vtimezone(tzid) for tzid in sorted({event.time_zone for event in events})]
    return calendar.to_ical()


def _component(
    event: Event,
    event_url: str,
    online_url: str = "",
    attendee_email: str = "",
    sequence: int | None = None,
    stamp: datetime.datetime | None = None,
) -> CalendarEvent:
    time_zone = zoneinfo.ZoneInfo(event.time_zone)
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("sequence", event.calendar_sequence if sequence is None else sequence)
    component.add("dtstamp", stamp or event.updated_at or datetime.datetime.now(datetime.UTC))
    component.add("dtstart", event.starts_at.astimezone(time_zone))
    component.add("dtend", event.ends_at.astimezone(time_zone))
    component.add("summary", event.title)
    description = event.description
    if online_url:
        description = f"{description}\n\n{gettext('Join online:')} {online_url}".strip()
    if description:
        component.add("description", description)
    location = event_location(event)
    if location:
        component.add("location", location)
    if online_url:
        component.add("conference", online_url, parameters={"value": "URI", "feature": "VIDEO"})
    component.add("url", event_url)
    component.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.CALENDAR_ORGANIZER_EMAIL}")
    organizer.params["cn"] = vText("UNIDIR")
    component.add("organizer", organizer)
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED")
        component.add("attendee", attendee)
    return component


def _registration_component(registration: Registration, event_url: str, attendee_email: str = "") -> CalendarEvent:
    """The event as one participant's entry: their online link, their SEQUENCE, stamped when either
    the event or the registration last changed."""
    event = registration.event
    return _component(
        event,
        event_url,
        online_link_for(registration),
        attendee_email,
        sequence=registration_sequence(registration),
        stamp=max(moment for moment in (event.updated_at, registration.updated_at) if moment is not None),
    )


def invitation_ics(registration: Registration, event_url: str) -> bytes:
    """The .ics a confirmed participant receives: METHOD:REQUEST, or METHOD:CANCEL once the event
    (or their place in it) is cancelled. Only a confirmed registration carries the online link."""
    cancelled = is_withdrawn(registration)
    calendar = _calendar(method="CANCEL" if cancelled else "REQUEST")
    component = _registration_component(registration, event_url, attendee_email=registration.participant.email)
    if cancelled:
        component["status"] = "CANCELLED"
    calendar.add_component(component)
    return _finish(calendar, [registration.event])


def is_withdrawn(registration: Registration) -> bool:
    """Whether the participant's calendar entry should be removed: the event or their place is gone."""
    return registration.event.status == Event.Status.CANCELLED or registration.status in (
        Registration.Status.CANCELLED,
        Registration.Status.DECLINED,
    )


def _published_registration_component(registration: Registration, event_url: str) -> CalendarEvent:
    """A participant's entry in a file they download or subscribe to: CANCELLED once their place or
    the event is gone, TENTATIVE while they wait for a decision or a seat, confirmed otherwise; like
    every unconfirmed one, a tentative entry carries no online link."""
    component = _registration_component(registration, event_url)
    if is_withdrawn(registration):
        component["status"] = "CANCELLED"
    elif registration.status in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        component["status"] = "TENTATIVE"
    return component


def registration_ics(registration: Registration, event_url: str) -> bytes:
    """The .ics a participant downloads from My registrations (METHOD:PUBLISH: a copy to import, not
    an invitation to answer). It shares the invitation's UID, so importing it updates the same entry."""
    calendar = _calendar(method="PUBLISH")
    calendar.add_component(_published_registration_component(registration, event_url))
    return _finish(calendar, [registration.event])


def personal_feed_ics(
    registrations: Iterable[Registration], url_for, name: str, refresh_interval: datetime.timedelta
) -> bytes:
    """A participant's private feed: every one of their registrations as its own entry (see
    _published_registration_component), so a subscribed calendar follows each decision."""
    registrations = list(registrations)
    calendar = _calendar(method="PUBLISH", name=name)
    _add_refresh_interval(calendar, refresh_interval)
    for registration in registrations:
        calendar.add_component(_published_registration_component(registration, url_for(registration.event)))
    return _finish(calendar, [registration.event for registration in registrations])


def event_ics(event: Event, event_url: str) -> bytes:
    """The .ics anyone may download from an event's page (METHOD:PUBLISH, never the online link)."""
    calendar = _calendar(method="PUBLISH")
    calendar.add_component(_component(event, event_url))
    return _finish(calendar, [event])


def add_to_calendar_links(event: Event, event_url: str) -> list[tuple[str, str]]:
    """Links that open the event in a web calendar's "new event" form (no file to download). Times
    go in UTC, which both services convert to the reader's zone; the text is the public one only."""
    starts_at, ends_at = event.starts_at.astimezone(datetime.UTC), event.ends_at.astimezone(datetime.UTC)
    details = f"{event.description}\n\n{event_url}".strip()
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{starts_at:%Y%m%dT%H%M%SZ}/{ends_at:%Y%m%dT%H%M%SZ}",
        "ctz": event.time_zone,
        "details": details,
        "location": event_location(event),
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": starts_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": ends_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": event_location(event),
    }
    return [
        ("Google Calendar", f"https://calendar.google.com/calendar/render?{urlencode(google)}"),
        ("Outlook.com", f"https://outlook.live.com/calendar/0/deeplink/compose?{urlencode(outlook)}"),
        ("Microsoft 365", f"https://outlook.office.com/calendar/0/deeplink/compose?{urlencode(outlook)}"),
    ]


def _add_refresh_interval(calendar: Calendar, refresh_interval: datetime.timedelta) -> None:
    """How often clients should poll a feed (RFC 7986, and Outlook's X-PUBLISHED-TTL)."""
    # icalendar writes a bare timedelta as "6:00:00"; vDuration gives the RFC 5545 form "PT6H".
    calendar.add("refresh-interval", vDuration(refresh_interval), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh_interval))


def feed_ics(events: Iterable[Event], url_for, name: str, refresh_interval: datetime.timedelta) -> bytes:
    """The public subscribable feed (METHOD:PUBLISH) of many events, never with an online link;
    url_for(event) gives each page's URL."""
    events = list(events)
    calendar = _calendar(method="PUBLISH", name=name)
    _add_refresh_interval(calendar, refresh_interval)
    for event in events:
        calendar.add_component(_component(event, url_for(event)))
    return _finish(calendar, events)
