"""Calendar files open in common clients: they parse back, keep their UID, carry the time zone."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from events.calendar import feed_ics, invitation_ics
from events.models import Event, Registration
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
HOURLY = datetime.timedelta(hours=1)
EVENT_URL = "https://cb.unidir.org/en/events/ttx/"


def parse(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, calendar.walk("VEVENT")[0]


@pytest.fixture
def geneva_event():
    return EventFactory(
        title="Table-top exercise",
        time_zone="Europe/Zurich",
        online_url="https://meet.example.org/secret",
        starts_at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=GENEVA),
        ends_at=datetime.datetime(2026, 3, 10, 17, 0, tzinfo=GENEVA),
        venue="Palais des Nations",
        city="Geneva",
        country="CH",
    )


def test_an_invitation_keeps_local_time_with_its_time_zone_definition(geneva_event):
    registration = RegistrationFactory(event=geneva_event, status=Registration.Status.CONFIRMED)

    calendar, event = parse(invitation_ics(registration, EVENT_URL))

    assert calendar["method"] == "REQUEST"
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert event.decoded("dtstart") == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=GENEVA)
    assert event["dtstart"].params["TZID"] == "Europe/Zurich"
    assert event["location"] == "Palais des Nations, Geneva, Switzerland"
    assert str(event["attendee"]) == f"mailto:{registration.participant.email}"
    assert "https://meet.example.org/secret" in event["description"]


def test_the_uid_is_stable_and_the_sequence_rises_with_changes(geneva_event):
    registration = RegistrationFactory(event=geneva_event, status=Registration.Status.CONFIRMED)
    _, before = parse(invitation_ics(registration, EVENT_URL))
    geneva_event.calendar_sequence += 1
    geneva_event.save()

    _, after = parse(invitation_ics(registration, EVENT_URL))

    assert before["uid"] == after["uid"] == f"event-{geneva_event.pk}@cb.unidir.org"
    assert (before["sequence"], after["sequence"]) == (0, 1)


def test_a_cancelled_event_sends_a_cancellation(geneva_event):
    registration = RegistrationFactory(event=geneva_event, status=Registration.Status.CONFIRMED)
    geneva_event.status = Event.Status.CANCELLED

    calendar, event = parse(invitation_ics(registration, EVENT_URL))

    assert calendar["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert "meet.example.org" not in invitation_ics(registration, EVENT_URL).decode()


@pytest.mark.parametrize("status", [Registration.Status.WAITLISTED, Registration.Status.PENDING])
def test_the_online_link_never_reaches_an_unconfirmed_participant(geneva_event, status):
    registration = RegistrationFactory(event=geneva_event, status=status)

    assert "meet.example.org" not in invitation_ics(registration, EVENT_URL).decode()


def test_a_feed_lists_many_events_each_in_its_own_time_zone():
    events = [
        EventFactory(time_zone="Asia/Singapore", format=Event.Format.ONLINE),
        EventFactory(time_zone="America/New_York"),
    ]

    calendar, _ = parse(feed_ics(events, lambda event: f"https://x/{event.slug}/", "UNIDIR events", HOURLY))

    assert calendar["method"] == "PUBLISH"
    assert calendar["x-wr-calname"] == "UNIDIR events"
    assert len(calendar.walk("VEVENT")) == 2
    assert {zone["tzid"] for zone in calendar.walk("VTIMEZONE")} == {"Asia/Singapore", "America/New_York"}
    assert calendar.walk("VEVENT")[0]["location"] == "Online"
