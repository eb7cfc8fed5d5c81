"""iCalendar (RFC 5545) files for events: invitations, updates, cancellations and feeds.

- UIDs are stable (derived from the event's primary key and the site's domain), so a calendar
  client replaces the entry it already has instead of adding a second one.
- Times are written in the event's own time zone with a VTIMEZONE component, so an event in Geneva
  stays at 09:00 Geneva time across daylight-saving changes whichever client opens it.
- SEQUENCE is the event's calendar_sequence, raised by every change participants must hear about;
  cancellations are sent with METHOD:CANCEL and STATUS:CANCELLED.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from .models import Event, Registration
from .rules import online_link_for

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


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _component(event: Event, event_url: str, online_url: str = "", attendee_email: str = "") -> CalendarEvent:
    time_zone = zoneinfo.ZoneInfo(event.time_zone)
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("sequence", event.calendar_sequence)
    component.add("dtstamp", event.updated_at or datetime.datetime.now(datetime.UTC))
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


def invitation_ics(registration: Registration, event_url: str) -> bytes:
    """The .ics a confirmed participant receives: METHOD:REQUEST, or METHOD:CANCEL once the event
    (or their place in it) is cancelled. Only a confirmed registration carries the online link."""
    event = registration.event
    cancelled = is_withdrawn(registration)
    calendar = _calendar(method="CANCEL" if cancelled else "REQUEST")
    component = _component(event, event_url, online_link_for(registration), registration.participant.email)
    if cancelled:
        component["status"] = "CANCELLED"
    calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def is_withdrawn(registration: Registration) -> bool:
    """Whether the participant's calendar entry should be removed: the event or their place is gone."""
    return registration.event.status == Event.Status.CANCELLED or registration.status in (
        Registration.Status.CANCELLED,
        Registration.Status.DECLINED,
    )


def registration_ics(registration: Registration, event_url: str) -> bytes:
    """The .ics a participant downloads from My registrations (METHOD:PUBLISH: a copy to import, not
    an invitation to answer). It shares the invitation's UID, so importing it updates the same entry;
    a pending registration is TENTATIVE and, like every unconfirmed one, carries no online link."""
    event = registration.event
    calendar = _calendar(method="PUBLISH")
    component = _component(event, event_url, online_link_for(registration))
    if is_withdrawn(registration):
        component["status"] = "CANCELLED"
    elif registration.status == Registration.Status.PENDING:
        component["status"] = "TENTATIVE"
    calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(
    events: Iterable[Event],
    url_for,
    name: str,
    online_url_for=lambda event: "",
    refresh_interval: datetime.timedelta | None = None,
) -> bytes:
    """A subscribable feed (METHOD:PUBLISH) of many events; url_for(event) gives each page's URL.

    refresh_interval tells clients how often to poll (RFC 7986, and Outlook's X-PUBLISHED-TTL)."""
    calendar = _calendar(method="PUBLISH", name=name)
    if refresh_interval:
        calendar.add("refresh-interval", refresh_interval, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", refresh_interval)
    for event in events:
        calendar.add_component(_component(event, url_for(event), online_url_for(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
