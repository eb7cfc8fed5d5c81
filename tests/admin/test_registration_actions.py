"""Staff decide on registrations from the admin in bulk; capacity is never exceeded."""

import pytest

from events.models import Event, Registration
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def run_action(client, action, registrations):
    return client.post(
        "/admin/events/registration/",
        {"action": action, "_selected_action": [registration.pk for registration in registrations]},
        follow=True,
    )


def statuses(registrations):
    return [Registration.objects.get(pk=registration.pk).status for registration in registrations]


def test_approving_pending_registrations_confirms_them_until_the_event_is_full(admin_client):
    event = EventFactory(capacity=2, admission=Event.Admission.BY_APPROVAL)
    pending = [RegistrationFactory(event=event, status=Status.PENDING) for _ in range(3)]

    response = run_action(admin_client, "approve", pending)

    assert statuses(pending) == [Status.CONFIRMED, Status.CONFIRMED, Status.PENDING]
    page = response.content.decode()
    assert "2 registration(s) confirmed." in page
    assert "is full: no seat left" in page


def test_declining_a_confirmed_registration_gives_the_seat_to_the_first_on_the_waitlist(admin_client):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event, status=Status.CONFIRMED)
    first_waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)
    second_waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)

    run_action(admin_client, "decline", [confirmed])

    assert statuses([confirmed, first_waiting, second_waiting]) == [
        Status.DECLINED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]


def test_marking_attendance_only_applies_to_confirmed_registrations(admin_client):
    event = EventFactory()
    confirmed = RegistrationFactory(event=event, status=Status.CONFIRMED)
    waitlisted = RegistrationFactory(event=event, status=Status.WAITLISTED)

    run_action(admin_client, "mark_attended", [confirmed, waitlisted])

    confirmed.refresh_from_db()
    waitlisted.refresh_from_db()
    assert confirmed.attended and confirmed.checked_in_at is not None
    assert not waitlisted.attended


def test_decisions_record_who_decided_and_keep_an_audit_trail(admin_client, admin_user):
    registration = RegistrationFactory(status=Status.PENDING)

    run_action(admin_client, "approve", [registration])

    registration.refresh_from_db()
    assert registration.decided_by == admin_user
    latest, previous = registration.history.all()[:2]
    assert (previous.status, latest.status) == (Status.PENDING, Status.CONFIRMED)
    assert latest.history_user == admin_user


def test_publishing_events_from_the_admin_bumps_their_calendar_sequence(admin_client):
    event = EventFactory(status=Event.Status.DRAFT)

    admin_client.post("/admin/events/event/", {"action": "publish", "_selected_action": [event.pk]})

    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.calendar_sequence == 1
