"""Capacity is never exceeded under real concurrent requests: many threads, each with its own
PostgreSQL connection, register at the same moment for the same event.

Run with DATABASE_URL=postgres://... (SQLite serialises every writer, so it proves nothing here)."""

import random
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections

from events.models import Registration
from events.services.registrations import (
    Outcome,
    accept_offer,
    cancel_registration,
    decline_offer,
    register_participant,
)
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL (row locks and truly concurrent connections): set DATABASE_URL=postgres://...",
    ),
]

# Connections open at once; the server's max_connections (100 by default) is shared with other clients.
SIMULTANEOUS_CONNECTIONS = 40


def register_concurrently(event, participants) -> tuple[list[Outcome], list[BaseException]]:
    """One thread per attempt, all released together; each opens, uses and closes its own connection."""
    outcomes, lock = [], threading.Lock()

    def register(participant):
        outcome = register_participant(event, participant).outcome
        with lock:
            outcomes.append(outcome)

    errors = run_concurrently([lambda participant=participant: register(participant) for participant in participants])
    return outcomes, errors


def test_200_simultaneous_registrations_for_50_seats_confirm_exactly_50_and_waitlist_150():
    event = EventFactory(capacity=50, waitlist_enabled=True)
    participants = [ParticipantFactory() for _ in range(200)]

    outcomes, errors = register_concurrently(event, participants)

    assert errors == []
    assert Counter(outcomes) == {Outcome.CONFIRMED: 50, Outcome.WAITLISTED: 150}
    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == {Registration.Status.CONFIRMED: 50, Registration.Status.WAITLISTED: 150}
    assert Registration.objects.filter(event=event).values("participant").distinct().count() == 200


def test_100_people_each_registering_twice_at_once_get_one_registration_each():
    event = EventFactory(capacity=50, waitlist_enabled=True)
    participants = [ParticipantFactory() for _ in range(100)]
    attempts = participants * 2
    random.Random(5).shuffle(attempts)

    outcomes, errors = register_concurrently(event, attempts)

    assert errors == []
    assert Counter(outcomes) == {Outcome.ALREADY_REGISTERED: 100, Outcome.CONFIRMED: 50, Outcome.WAITLISTED: 50}
    assert Registration.objects.filter(event=event).count() == 100
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 50


def run_concurrently(operations) -> list[BaseException]:
    """Each operation in its own thread and connection, all released together; the errors raised."""
    start = threading.Event()
    connection_slots = threading.BoundedSemaphore(SIMULTANEOUS_CONNECTIONS)
    errors, lock = [], threading.Lock()

    def attempt(operation):
        start.wait()
        with connection_slots:
            try:
                operation()
            except BaseException as error:  # every failure, a refusal included, is a test failure
                with lock:
                    errors.append(error)
            finally:
                connections.close_all()

    threads = [threading.Thread(target=attempt, args=(operation,)) for operation in operations]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "some operations never finished"
    return errors


def test_with_offers_outstanding_cancellations_acceptances_and_new_registrations_at_once_never_overfill():
    """Ten seats; 10 confirmed, 30 waiting. Five confirmed people cancel (five offers go out); then
    three more cancel, the five offered accept or decline, and 40 newcomers register, all at once: confirmed places and
    outstanding offers together never exceed the ten seats, and nobody new jumps the queue."""
    event = EventFactory(capacity=10, waitlist_enabled=True, offer_hours=24)
    seated = [RegistrationFactory(event=event, status=Registration.Status.CONFIRMED) for _ in range(10)]
    waiting = [RegistrationFactory(event=event, status=Registration.Status.WAITLISTED) for _ in range(30)]
    first_offers = [cancel_registration(registration) for registration in seated[:5]]
    offered = list(Registration.objects.filter(event=event, status=Registration.Status.OFFERED))
    assert [registration.pk for registration in offered] == [registration.pk for registration in waiting[:5]]
    assert len(first_offers) == 5
    newcomers = [ParticipantFactory() for _ in range(40)]

    operations = (
        [lambda registration=registration: cancel_registration(registration) for registration in seated[5:8]]
        + [lambda registration=registration: accept_offer(registration) for registration in offered[:3]]
        + [lambda registration=registration: decline_offer(registration) for registration in offered[3:]]
        + [lambda participant=participant: register_participant(event, participant) for participant in newcomers]
    )
    random.Random(7).shuffle(operations)
    errors = run_concurrently(operations)

    assert errors == []
    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses[Registration.Status.CONFIRMED] + statuses[Registration.Status.OFFERED] == 10
    assert statuses[Registration.Status.CONFIRMED] == 2 + 3  # the two who stayed, and the three who accepted
    # The seats freed went to the waiting list in order, never to a newcomer.
    newcomer_statuses = set(
        Registration.objects.filter(event=event, participant__in=newcomers).values_list("status", flat=True)
    )
    assert newcomer_statuses == {Registration.Status.WAITLISTED}
    offered_now = Registration.objects.filter(event=event, status=Registration.Status.OFFERED)
    assert sorted(offered_now.values_list("pk", flat=True)) == [registration.pk for registration in waiting[5:10]]
