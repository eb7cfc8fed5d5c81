"""Every calendar file the site sends opens right in the readers people use: Mozilla's ical.js
(Thunderbird), icalendar and vobject each read every event at its own start and end, in summer and
winter, in Geneva, New York and Fiji, and across a change of daylight-saving time.

METHOD and SEQUENCE follow RFC 5546: what the site serves is PUBLISH; only emailed invitations are
REQUEST (then CANCEL), they name the organiser and the attendee, and each outranks the one before."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail
from icalendar import vDuration

from events.calendar import event_uid
from events.models import Event, Registration
from events.services import event_changes, registrations
from tests.clients.calendars import assert_every_client_reads, read_with_icalendar, read_with_icaljs
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, RegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
FIJI = zoneinfo.ZoneInfo("Pacific/Fiji")

# Local start and end of an event in each case; Fiji kept daylight-saving time until 2021.
TIME_ZONE_CASES = {
    "Geneva in summer (4 May 2027)": (datetime.datetime(2027, 5, 4, 9, tzinfo=GENEVA), 8),
    "Geneva in winter": (datetime.datetime(2027, 1, 12, 9, tzinfo=GENEVA), 8),
    "New York in summer": (datetime.datetime(2027, 7, 1, 9, tzinfo=NEW_YORK), 8),
    "New York in winter": (datetime.datetime(2027, 12, 1, 9, tzinfo=NEW_YORK), 8),
    "Fiji in summer, with daylight-saving time": (datetime.datetime(2020, 1, 10, 9, tzinfo=FIJI), 8),
    "Fiji in winter": (datetime.datetime(2020, 7, 10, 9, tzinfo=FIJI), 8),
    "Fiji in summer, without it": (datetime.datetime(2027, 1, 12, 9, tzinfo=FIJI), 8),
    "Geneva overnight into summer time": (datetime.datetime(2027, 3, 27, 20, tzinfo=GENEVA), 14),
    "New York overnight into winter time": (datetime.datetime(2027, 11, 6, 20, tzinfo=NEW_YORK), 14),
}


def event_at(starts_at: datetime.datetime, hours: int, **fields) -> Event:
    return EventFactory(
        time_zone=str(starts_at.tzinfo),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        **fields,
    )


def future_events_in_every_zone(**fields) -> list[Event]:
    """Events the feeds hold (coming ones): summer and winter in each zone, and one across a change."""
    return [
        event_at(datetime.datetime(2031, 5, 6, 9, tzinfo=GENEVA), 8, **fields),
        event_at(datetime.datetime(2031, 1, 14, 9, tzinfo=GENEVA), 8, **fields),
        event_at(datetime.datetime(2031, 7, 1, 9, tzinfo=NEW_YORK), 8, **fields),
        event_at(datetime.datetime(2031, 12, 2, 9, tzinfo=NEW_YORK), 8, **fields),
        event_at(datetime.datetime(2031, 1, 14, 9, tzinfo=FIJI), 8, **fields),
        event_at(datetime.datetime(2031, 7, 15, 9, tzinfo=FIJI), 8, **fields),
        event_at(datetime.datetime(2031, 3, 29, 20, tzinfo=GENEVA), 14, **fields),
    ]


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def emailed_calendar(message) -> bytes:
    [part] = [part for part in message.attachments if part.get_content_type() == "text/calendar"]
    return part.get_payload(decode=True)


@pytest.mark.parametrize("case", TIME_ZONE_CASES)
def test_an_events_calendar_file_opens_at_its_time_in_every_client(client, case):
    starts_at, hours = TIME_ZONE_CASES[case]
    event = event_at(starts_at, hours, slug="the-event")

    response = client.get("/en/events/the-event/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="the-event.ics"'
    assert_every_client_reads(response.content, [event])
    assert read_with_icalendar(response.content)["method"] == "PUBLISH"


def test_the_time_zones_are_yearly_rules_not_lists_of_dates(client):
    event_at(datetime.datetime(2028, 5, 4, 9, tzinfo=GENEVA), 8)
    event_at(datetime.datetime(2031, 5, 6, 9, tzinfo=GENEVA), 8)

    calendar = read_with_icalendar(client.get("/en/events/feed.ics").content)

    [zone] = calendar.walk("VTIMEZONE")
    rules = sorted(observance["rrule"].to_ical().decode() for observance in zone.subcomponents if "rrule" in observance)
    # Switzerland's rules since 1981: summer time from the last Sunday of March, until the last Sunday
    # of September, then (since 1996) of October; the current ones go on without an end.
    assert rules == [
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "FREQ=YEARLY;UNTIL=19950924T235959Z;BYDAY=-1SU;BYMONTH=9",
    ]
    assert not any("rdate" in observance for observance in zone.subcomponents)


def test_the_public_feed_and_a_filtered_one_open_in_every_client(client):
    norms = TopicFactory(slug="norms")
    events = future_events_in_every_zone(topics=[norms])
    EventFactory(title="Another topic")

    assert_every_client_reads(client.get("/en/events/feed.ics?topic=norms").content, events)
    everything = client.get("/en/events/feed.ics").content
    assert len(read_with_icaljs(everything)["events"]) == len(events) + 1


def test_the_feeds_ask_to_be_polled_every_six_hours_in_a_duration_every_client_reads(client):
    participant = participant_with_account()
    RegistrationFactory(participant=participant, status=Status.CONFIRMED)

    for url in ("/en/events/feed.ics", f"/events/calendar/{participant.calendar_token}.ics"):
        ics = client.get(url).content
        calendar = read_with_icalendar(ics)
        # icalendar leaves these properties as text: read them as the durations RFC 7986 says they are.
        for name in ("refresh-interval", "x-published-ttl"):
            assert vDuration.from_ical(str(calendar[name])) == datetime.timedelta(hours=6)
        assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in ics
        assert b"X-PUBLISHED-TTL:PT6H\r\n" in ics
        properties = {prop["name"]: prop["values"] for prop in read_with_icaljs(ics)["properties"]}
        assert properties["refresh-interval"] == ["PT6H"]


def test_the_personal_feed_opens_in_every_client(client):
    participant = participant_with_account()
    events = future_events_in_every_zone()
    for event in events:
        RegistrationFactory(event=event, participant=participant, status=Status.CONFIRMED)

    ics = client.get(f"/events/calendar/{participant.calendar_token}.ics").content

    assert_every_client_reads(ics, events)
    assert read_with_icalendar(ics)["method"] == "PUBLISH"


def test_a_registrations_file_opens_in_every_client_and_is_published_not_an_invitation(client):
    participant = participant_with_account()
    event = event_at(*TIME_ZONE_CASES["Geneva in summer (4 May 2027)"])
    registration = RegistrationFactory(event=event, participant=participant, status=Status.CONFIRMED)
    client.force_login(participant.user)

    ics = client.get(f"/en/events/my-registrations/{registration.pk}/calendar.ics").content

    assert_every_client_reads(ics, [event])
    calendar = read_with_icalendar(ics)
    assert calendar["method"] == "PUBLISH"
    [entry] = calendar.walk("VEVENT")
    assert "attendee" not in entry, "RFC 5546: a published event names no attendee"
    assert str(entry["organizer"]).startswith("mailto:")


def test_the_emailed_invitation_update_and_cancellation_open_in_every_client_each_outranking_the_last(after_commit):
    event = event_at(*TIME_ZONE_CASES["Geneva in summer (4 May 2027)"])
    participant = participant_with_account()
    with after_commit():
        registration = registrations.register_participant(event, participant).registration
    with after_commit():
        event.venue = "Palais Wilson"
        event_changes.save_event(event)
    with after_commit():
        registrations.cancel_registration(registration)

    invitation, update, cancellation = (emailed_calendar(message) for message in mail.outbox)
    sequences = []
    for ics, method in ((invitation, "REQUEST"), (update, "REQUEST"), (cancellation, "CANCEL")):
        assert_every_client_reads(ics, [event])
        calendar = read_with_icalendar(ics)
        [entry] = calendar.walk("VEVENT")
        assert calendar["method"] == method
        assert str(entry["uid"]) == event_uid(event)
        assert str(entry["organizer"]) == "mailto:sectec@unidir.org"
        assert str(entry["attendee"]) == f"mailto:{participant.email}"
        sequences.append(entry.decoded("sequence"))
    assert sequences[0] < sequences[1] < sequences[2]


def test_a_participant_who_cancels_and_registers_again_gets_an_invitation_above_the_cancellation(after_commit):
    event = event_at(*TIME_ZONE_CASES["New York in summer"])
    participant = participant_with_account()
    with after_commit():
        registration = registrations.register_participant(event, participant).registration
    with after_commit():
        registrations.cancel_registration(registration)
    with after_commit():
        registrations.register_participant(event, participant)

    methods_and_sequences = []
    for message in mail.outbox:
        [entry] = read_with_icalendar(emailed_calendar(message)).walk("VEVENT")
        methods_and_sequences.append((read_with_icaljs(emailed_calendar(message))["method"], entry.decoded("sequence")))
    [(_, first), (_, cancelled), (_, again)] = methods_and_sequences
    assert [method for method, _ in methods_and_sequences] == ["REQUEST", "CANCEL", "REQUEST"]
    assert first < cancelled < again


def test_a_cancelled_event_reaches_every_client_as_a_cancellation(after_commit):
    event = event_at(*TIME_ZONE_CASES["Fiji in winter"])
    RegistrationFactory(event=event, participant=participant_with_account(), status=Status.CONFIRMED)
    with after_commit():
        event_changes.set_event_status([event], Event.Status.CANCELLED)

    [message] = mail.outbox
    ics = emailed_calendar(message)
    event.refresh_from_db()

    assert_every_client_reads(ics, [event])
    [entry] = read_with_icaljs(ics)["events"]
    assert (read_with_icaljs(ics)["method"], entry["status"], entry["sequence"]) == ("CANCEL", "CANCELLED", 1)


def test_time_zone_rules_come_from_the_pinned_tzdata_package_not_the_operating_system():
    import importlib.metadata

    assert zoneinfo.TZPATH == ()
    pinned = next(
        line.split("==")[1].strip()
        for line in (settings.BASE_DIR / "requirements" / "base.in").read_text().splitlines()
        if line.startswith("tzdata==")
    )
    assert importlib.metadata.version("tzdata") == pinned
