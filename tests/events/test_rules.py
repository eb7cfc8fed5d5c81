"""The events domain's shared rules (events/rules.py), each checked here, beside its home, for every
status it distinguishes: a change to a rule fails these tests before any page or report test."""

import datetime

import pytest
from django.utils import timezone

from events import rules
from events.models import Event, Registration
from events.reach import combined_reach, participants_of, reach_by_event
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
ONLINE_URL = "https://meet.example.org/clinic"


# Who took part -------------------------------------------------------------------------------------

TOOK_PART = [
    # (status, attended, took part?)
    (Status.CONFIRMED, False, True),  # registered and confirmed: counted, attendance taken or not
    (Status.CONFIRMED, True, True),
    (Status.WALK_IN, True, True),  # recorded at the door: never registered, but in the room
    (Status.WALK_IN, False, False),  # a walk-in recorded by mistake and undone
    (Status.PENDING, True, True),  # never confirmed, but staff saw them in the room
    (Status.WAITLISTED, True, True),
    (Status.CANCELLED, True, True),
    (Status.PENDING, False, False),
    (Status.WAITLISTED, False, False),
    (Status.DECLINED, False, False),
    (Status.CANCELLED, False, False),
]


def test_who_took_part_is_a_confirmed_registration_or_recorded_attendance_whatever_the_status():
    event = EventFactory()
    registrations = [
        RegistrationFactory(event=event, status=status, attended=attended) for status, attended, _ in TOOK_PART
    ]

    counted = set(Registration.objects.filter(rules.took_part(), event=event).values_list("pk", flat=True))

    assert [registration.pk in counted for registration in registrations] == [took for _, _, took in TOOK_PART]


def test_reach_counts_each_person_who_took_part_once_whichever_way_it_is_read():
    clinic, seminar = EventFactory(), EventFactory()
    both = ParticipantFactory(country="KE")
    RegistrationFactory(event=clinic, participant=both, status=Status.CONFIRMED)
    RegistrationFactory(event=seminar, participant=both, status=Status.PENDING, attended=True)
    for status, attended, _ in TOOK_PART:
        RegistrationFactory(
            event=clinic, participant=ParticipantFactory(country="FJ"), status=status, attended=attended
        )
    took_part = 1 + sum(took for _, _, took in TOOK_PART)

    people_by_event = reach_by_event([clinic, seminar])
    reach = combined_reach(people_by_event, [clinic.pk, seminar.pk])

    assert participants_of([clinic, seminar]).count() == took_part
    assert (reach.participants, reach.countries) == (took_part, 2)


# Who sees the online link --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_status", "registration_status", "sees_link"),
    [
        (Event.Status.PUBLISHED, Status.CONFIRMED, True),
        (Event.Status.PUBLISHED, Status.PENDING, False),
        (Event.Status.PUBLISHED, Status.WAITLISTED, False),
        (Event.Status.PUBLISHED, Status.DECLINED, False),
        (Event.Status.PUBLISHED, Status.CANCELLED, False),
        (Event.Status.PUBLISHED, Status.WALK_IN, False),  # walk-ins are in the room, not online
        (Event.Status.CANCELLED, Status.CONFIRMED, False),
        (Event.Status.DRAFT, Status.CONFIRMED, False),
    ],
)
def test_only_confirmed_participants_of_a_published_event_see_its_online_link(
    event_status, registration_status, sees_link
):
    event = EventFactory(status=event_status, format=Event.Format.ONLINE, online_url=ONLINE_URL)
    registration = RegistrationFactory(event=event, status=registration_status)

    assert rules.online_link_for(registration) == (ONLINE_URL if sees_link else "")


def test_nobody_without_a_registration_sees_the_online_link():
    assert rules.online_link_for(None) == ""


# Who may cancel ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "hours_until_end", "may_cancel"),
    [
        (Status.CONFIRMED, 24, True),
        (Status.PENDING, 24, True),
        (Status.WAITLISTED, 24, True),
        (Status.CONFIRMED, 1, True),  # the event is under way: leaving is still allowed
        (Status.CONFIRMED, -1, False),  # the event is over
        (Status.DECLINED, 24, False),
        (Status.CANCELLED, 24, False),
        (Status.WALK_IN, 1, False),  # recorded at the door: staff undo it, not the participant
    ],
)
def test_a_participant_may_cancel_an_active_registration_until_the_event_ends(status, hours_until_end, may_cancel):
    now = timezone.now()
    ends_at = now + datetime.timedelta(hours=hours_until_end)
    event = EventFactory(starts_at=ends_at - datetime.timedelta(hours=3), ends_at=ends_at)

    assert rules.may_cancel(RegistrationFactory(event=event, status=status), now=now) is may_cancel


# Who gets a calendar file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_status", "registration_status", "has_file"),
    [
        (Event.Status.PUBLISHED, Status.CONFIRMED, True),
        (Event.Status.PUBLISHED, Status.PENDING, True),  # a request the person is waiting to hear about
        (Event.Status.CANCELLED, Status.CONFIRMED, True),  # the file then says the event is cancelled
        (Event.Status.PUBLISHED, Status.WAITLISTED, False),
        (Event.Status.PUBLISHED, Status.DECLINED, False),
        (Event.Status.PUBLISHED, Status.CANCELLED, False),
        (Event.Status.PUBLISHED, Status.WALK_IN, False),
        (Event.Status.DRAFT, Status.CONFIRMED, False),
    ],
)
def test_a_calendar_file_is_offered_for_a_seat_or_a_pending_request_of_a_public_event(
    event_status, registration_status, has_file
):
    registration = RegistrationFactory(event=EventFactory(status=event_status), status=registration_status)

    assert rules.has_calendar_file(registration) is has_file


# Whether status emails still go out ----------------------------------------------------------------


@pytest.mark.parametrize(("hours_until_end", "emailed"), [(24, True), (1, True), (-1, False), (-24 * 30, False)])
def test_participants_hear_about_their_status_until_the_event_ends(hours_until_end, emailed):
    now = timezone.now()
    ends_at = now + datetime.timedelta(hours=hours_until_end)
    event = EventFactory(starts_at=ends_at - datetime.timedelta(hours=3), ends_at=ends_at)

    assert rules.status_emails_go_out(event, now=now) is emailed


# When the check-in desk opens ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours_until_start", "is_open"), [(48, False), (25, False), (23, True), (0, True), (-72, True)]
)
def test_the_check_in_desk_opens_the_day_before_and_stays_open_after_the_event(hours_until_start, is_open, settings):
    settings.CHECK_IN_OPENS_HOURS_BEFORE = 24
    now = timezone.now()
    starts_at = now + datetime.timedelta(hours=hours_until_start)
    event = EventFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3))

    assert rules.check_in_is_open(event, now=now) is is_open
